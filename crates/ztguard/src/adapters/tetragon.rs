//! Cilium Tetragon's JSON export: one object per line, as the `export-stdout` container and
//! `--export-filename` write it, holding exactly one event key (`process_exec`,
//! `process_kprobe`, `process_exit`, ...) beside `node_name` and `time`. Field names are the
//! protobuf names of Tetragon's `GetEventsResponse`; 32-bit numbers are JSON numbers.
//!
//! What is read:
//!
//! - `process_exec` is a [`EventType::ProcessExec`] of `process_exec.process`. Its parents are
//!   `parent.binary` and then the `ancestors` (newer Tetragon versions, from the grandparent
//!   up). The uid is `process_credentials.euid` when Tetragon runs with
//!   `--enable-process-cred`, else `uid` (which Tetragon documents as the effective uid too).
//! - `process_kprobe` of a file hook is a [`EventType::FileOpen`]: `security_file_permission`
//!   (a `file` argument and the `int` access mask: `MAY_WRITE` or `MAY_APPEND` is a write,
//!   `MAY_READ` a read), `security_mmap_file` (a `file` and the `uint32` protection: `PROT_WRITE`
//!   is a write, as Tetragon's file monitoring policies count it, even for a private mapping)
//!   and `security_path_truncate` (a `path`, always a write). The flags are the mask's or the
//!   protection's bit names.
//! - `process_kprobe` of `tcp_connect` (a `sock` argument) is an outbound
//!   [`EventType::NetworkConnect`]; of `inet_csk_accept` (a `sock` return value, or argument) an
//!   inbound one.
//!
//! Everything else is ignored with a reason: exits, tracepoints, LSM and uprobe events, other
//! kprobes, and events of host processes (no `pod`). `security_file_open` and `fd_install`
//! are ignored too: their `file` argument does not say whether the file was opened to read or
//! to write (the argument's `flags` are Tetragon's path resolution flags, not open flags).
//!
//! Quirks of the format:
//!
//! - `arguments` is one string: Tetragon joins the arguments with spaces and wraps those that
//!   hold a space in double quotes, escaping nothing. An argument is read back as quoted only
//!   when it was one Tetragon would have quoted (it holds a space); empty arguments cannot be
//!   told apart and are dropped.
//! - Whether a binary was part of the image is not in the export. The one reliable signal is
//!   `binary_properties.file`, which Tetragon sets only when the executed file is a memfd, a
//!   shared memory file or deleted: such a binary was not in the image (`in_image: false`).
//!   Otherwise `in_image` is unknown.
//! - Tetragon does not report whether a process has a terminal, so `tty` is always false;
//!   Kubernetes audit events say whether `kubectl exec` asked for one.
//! - The workload is `pod.workload` of kind `pod.workload_kind` when Tetragon resolved both,
//!   else the pod.

use serde_json::Value;

use super::events::Reading;
use super::fields::Fields;
use crate::error::Result;
use crate::facts::{
    Connection, Direction, Endpoint, EventType, FileAccess, FileAccessKind, Process, RuntimeEvent,
    WorkloadRef,
};

/// Event keys of a `GetEventsResponse`; an export line holds exactly one.
const EVENT_KEYS: [&str; 11] = [
    "process_exec",
    "process_exit",
    "process_kprobe",
    "process_tracepoint",
    "process_uprobe",
    "process_lsm",
    "process_loader",
    "process_usdt",
    "process_throttle",
    "rate_limit_info",
    "test",
];

/// Bits of the kernel's `MAY_*` access mask that `security_file_permission` receives.
const MAY_BITS: [(i64, &str); 4] = [
    (1, "MAY_EXEC"),
    (2, "MAY_WRITE"),
    (4, "MAY_READ"),
    (8, "MAY_APPEND"),
];

/// Bits of the `PROT_*` protection that `security_mmap_file` receives.
const PROT_BITS: [(i64, &str); 3] = [(1, "PROT_READ"), (2, "PROT_WRITE"), (4, "PROT_EXEC")];

pub(crate) fn looks_like(value: &Value) -> bool {
    value.as_object().is_some_and(|object| {
        object.contains_key("time")
            && EVENT_KEYS
                .iter()
                .filter(|key| object.contains_key(**key))
                .count()
                == 1
    })
}

pub(crate) fn read(fields: Fields<'_>) -> Result<Reading> {
    let keys: Vec<&str> = EVENT_KEYS
        .into_iter()
        .filter(|key| fields.at(&format!("/{key}")).is_some())
        .collect();
    let [key] = keys.as_slice() else {
        return Err(fields.error(
            "",
            format!(
                "expected exactly one Tetragon event key, found {}",
                if keys.is_empty() {
                    "none".to_owned()
                } else {
                    format!("`{}`", keys.join("`, `"))
                }
            ),
        ));
    };
    let base = format!("/{key}");
    match *key {
        "process_exec" => exec(fields, &base),
        "process_kprobe" => kprobe(fields, &base),
        "process_exit" => Ok(Reading::Ignored(
            "a process exit is not activity ztguard reads".to_owned(),
        )),
        "rate_limit_info" => Ok(Reading::Ignored(
            "Tetragon's rate limit dropped events here".to_owned(),
        )),
        "process_throttle" => Ok(Reading::Ignored(
            "Tetragon throttled a cgroup's events here".to_owned(),
        )),
        other => Ok(Reading::Ignored(format!(
            "`{other}` events are not activity ztguard reads"
        ))),
    }
}

fn exec(fields: Fields<'_>, base: &str) -> Result<Reading> {
    let Some(mut event) = event(fields, base, EventType::ProcessExec)? else {
        return Ok(host_process());
    };
    let mut process = process(fields, base)?;
    if fields
        .at(&format!("{base}/process/binary_properties/file"))
        .is_some()
    {
        process.in_image = Some(false);
    }
    event.process = Some(process);
    Ok(Reading::Event(Box::new(event)))
}

fn kprobe(fields: Fields<'_>, base: &str) -> Result<Reading> {
    let pointer = format!("{base}/function_name");
    let function = required(fields, &pointer, "the kprobe has no `function_name`")?;
    let kind = match function.as_str() {
        "security_file_permission" | "security_mmap_file" | "security_path_truncate" => {
            EventType::FileOpen
        }
        "tcp_connect" | "inet_csk_accept" => EventType::NetworkConnect,
        "security_file_open" | "fd_install" => {
            return Ok(Reading::Ignored(format!(
                "kprobe `{function}` does not say whether the file was opened to read or to \
                 write; trace `security_file_permission` instead"
            )));
        }
        _ => {
            return Ok(Reading::Ignored(format!(
                "kprobe `{function}` is not a file or network hook ztguard reads"
            )));
        }
    };
    let Some(mut event) = event(fields, base, kind)? else {
        return Ok(host_process());
    };
    let outcome = match function.as_str() {
        "security_file_permission" => file_permission(fields, base, &function)?,
        "security_mmap_file" => mmap_file(fields, base, &function)?,
        "security_path_truncate" => truncate(fields, base, &function)?,
        "tcp_connect" => connection(fields, base, &function, Direction::Outbound)?,
        _ => connection(fields, base, &function, Direction::Inbound)?,
    };
    match outcome {
        Hook::File(file) => event.file = Some(file),
        Hook::Network(network) => event.network = Some(network),
        Hook::Ignored(reason) => return Ok(Reading::Ignored(reason)),
    }
    event.process = Some(process(fields, base)?);
    Ok(Reading::Event(Box::new(event)))
}

/// What a kprobe's arguments describe.
enum Hook {
    File(FileAccess),
    Network(Connection),
    Ignored(String),
}

fn host_process() -> Reading {
    Reading::Ignored("host process, not in a container".to_owned())
}

/// The event's time, node and workload; `None` for a process outside any pod.
fn event(fields: Fields<'_>, base: &str, kind: EventType) -> Result<Option<RuntimeEvent>> {
    let pod = format!("{base}/process/pod");
    if matches!(fields.at(&pod), None | Some(Value::Null)) {
        return Ok(None);
    }
    let time = required(fields, "/time", "the event has no `time`")?;
    let namespace = required(
        fields,
        &format!("{pod}/namespace"),
        "the pod has no `namespace`",
    )?;
    let name = required(fields, &format!("{pod}/name"), "the pod has no `name`")?;
    let owner = non_empty(fields, &format!("{pod}/workload"))?;
    let owner_kind = non_empty(fields, &format!("{pod}/workload_kind"))?;
    let workload = match (owner, owner_kind) {
        (Some(owner), Some(owner_kind)) => WorkloadRef {
            kind: owner_kind,
            namespace,
            name: owner,
        },
        _ => WorkloadRef {
            kind: "Pod".to_owned(),
            namespace,
            name: name.clone(),
        },
    };
    Ok(Some(RuntimeEvent {
        kind,
        time,
        node: non_empty(fields, "/node_name")?,
        workload,
        pod: Some(name),
        container: non_empty(fields, &format!("{pod}/container/name"))?,
        image: non_empty(fields, &format!("{pod}/container/image/name"))?,
        process: None,
        file: None,
        network: None,
        api: None,
        declared: None,
        source: None,
    }))
}

/// The process of an event at `base`, with its parent and ancestors.
fn process(fields: Fields<'_>, base: &str) -> Result<Process> {
    let pointer = format!("{base}/process");
    let binary = required(
        fields,
        &format!("{pointer}/binary"),
        "the process has no `binary`",
    )?;
    let euid = format!("{pointer}/process_credentials/euid");
    let uid = match fields.int(&euid)? {
        Some(uid) => uid,
        None => fields
            .int(&format!("{pointer}/uid"))?
            .ok_or_else(|| fields.error(&pointer, "the process has no `uid`".to_owned()))?,
    };
    let args = match fields.str(&format!("{pointer}/arguments"))? {
        Some(text) => split_arguments(text),
        None => Vec::new(),
    };

    let mut parents = Vec::new();
    if let Some(parent) = non_empty(fields, &format!("{base}/parent/binary"))? {
        parents.push(parent);
    }
    let ancestors = format!("{base}/ancestors");
    for i in 0..fields.array(&ancestors)? {
        let binary = format!("{ancestors}/{i}/binary");
        parents.push(required(fields, &binary, "the ancestor has no `binary`")?);
    }

    Ok(Process {
        binary,
        args,
        uid,
        pid: fields.int(&format!("{pointer}/pid"))?,
        cwd: non_empty(fields, &format!("{pointer}/cwd"))?,
        parents,
        in_image: None,
        tty: false,
    })
}

fn file_permission(fields: Fields<'_>, base: &str, function: &str) -> Result<Hook> {
    let path = file_path(fields, base, function, "file_arg")?;
    let mask_pointer = argument(fields, base, "int_arg")?.ok_or_else(|| {
        fields.error(
            &format!("{base}/args"),
            format!(
                "kprobe `{function}` has no `int_arg`: the tracing policy must pass the access \
                 mask (argument 1, type `int`)"
            ),
        )
    })?;
    let mask = integer(fields, &mask_pointer)?;
    let flags = bit_names(mask, &MAY_BITS);
    let access = if mask & (2 | 8) != 0 {
        FileAccessKind::Write
    } else if mask & 4 != 0 {
        FileAccessKind::Read
    } else {
        return Ok(Hook::Ignored(format!(
            "kprobe `{function}` with mask `{mask}` neither reads nor writes `{path}`"
        )));
    };
    Ok(Hook::File(FileAccess {
        path,
        access,
        flags,
    }))
}

fn mmap_file(fields: Fields<'_>, base: &str, function: &str) -> Result<Hook> {
    let path = file_path(fields, base, function, "file_arg")?;
    let prot_pointer = argument(fields, base, "uint_arg")?.ok_or_else(|| {
        fields.error(
            &format!("{base}/args"),
            format!(
                "kprobe `{function}` has no `uint_arg`: the tracing policy must pass the \
                 protection (argument 1, type `uint32`)"
            ),
        )
    })?;
    let prot = integer(fields, &prot_pointer)?;
    let access = if prot & 2 != 0 {
        FileAccessKind::Write
    } else {
        FileAccessKind::Read
    };
    Ok(Hook::File(FileAccess {
        path,
        access,
        flags: bit_names(prot, &PROT_BITS),
    }))
}

fn truncate(fields: Fields<'_>, base: &str, function: &str) -> Result<Hook> {
    Ok(Hook::File(FileAccess {
        path: file_path(fields, base, function, "path_arg")?,
        access: FileAccessKind::Write,
        flags: Vec::new(),
    }))
}

/// A connection from the `sock` a kprobe received or, for `inet_csk_accept`, returned.
fn connection(
    fields: Fields<'_>,
    base: &str,
    function: &str,
    direction: Direction,
) -> Result<Hook> {
    let returned = format!("{base}/return/sock_arg");
    let sock = match argument(fields, base, "sock_arg")? {
        Some(sock) => sock,
        None if fields.at(&returned).is_some() => returned,
        None => {
            return Err(fields.error(
                &format!("{base}/args"),
                format!("kprobe `{function}` has no `sock_arg`"),
            ));
        }
    };
    let protocol = match fields.str(&format!("{sock}/protocol"))? {
        Some("IPPROTO_TCP") => "tcp",
        Some("IPPROTO_UDP") => "udp",
        Some(other) => {
            return Ok(Hook::Ignored(format!(
                "kprobe `{function}` on a `{other}` socket, neither tcp nor udp"
            )));
        }
        None => {
            return Err(fields.error(&sock, "the socket has no `protocol`".to_owned()));
        }
    };
    let endpoint = |address: &str, port: &str| -> Result<Option<Endpoint>> {
        let address = non_empty(fields, &format!("{sock}/{address}"))?;
        let port = fields.port(&format!("{sock}/{port}"))?;
        Ok(address
            .zip(port)
            .map(|(address, port)| Endpoint { address, port }))
    };
    let local = endpoint("saddr", "sport")?;
    let remote = endpoint("daddr", "dport")?
        .ok_or_else(|| fields.error(&sock, "the socket has no `daddr` and `dport`".to_owned()))?;
    let (destination, source) = match direction {
        Direction::Outbound => (remote, local),
        Direction::Inbound => {
            let local = local.ok_or_else(|| {
                fields.error(&sock, "the socket has no `saddr` and `sport`".to_owned())
            })?;
            (local, Some(remote))
        }
    };
    Ok(Hook::Network(Connection {
        protocol: protocol.to_owned(),
        direction,
        destination,
        source,
    }))
}

/// The path of a kprobe's first argument of type `kind` (`file_arg` or `path_arg`).
fn file_path(fields: Fields<'_>, base: &str, function: &str, kind: &str) -> Result<String> {
    let arg = argument(fields, base, kind)?.ok_or_else(|| {
        fields.error(
            &format!("{base}/args"),
            format!("kprobe `{function}` has no `{kind}`"),
        )
    })?;
    required(
        fields,
        &format!("{arg}/path"),
        &format!("the `{kind}` has no `path`"),
    )
}

/// Pointer to the value of a kprobe's first argument of type `kind`, if it has one.
fn argument(fields: Fields<'_>, base: &str, kind: &str) -> Result<Option<String>> {
    let args = format!("{base}/args");
    Ok((0..fields.array(&args)?)
        .map(|i| format!("{args}/{i}/{kind}"))
        .find(|pointer| fields.at(pointer).is_some()))
}

fn integer(fields: Fields<'_>, pointer: &str) -> Result<i64> {
    fields
        .int(pointer)?
        .ok_or_else(|| fields.error(pointer, "expected an integer, found `null`".to_owned()))
}

fn bit_names(value: i64, bits: &[(i64, &str)]) -> Vec<String> {
    bits.iter()
        .filter(|(bit, _)| value & bit != 0)
        .map(|(_, name)| (*name).to_owned())
        .collect()
}

fn required(fields: Fields<'_>, pointer: &str, missing: &str) -> Result<String> {
    non_empty(fields, pointer)?.ok_or_else(|| {
        let parent = pointer
            .rfind('/')
            .and_then(|i| pointer.get(..i))
            .unwrap_or("");
        fields.error(parent, missing.to_owned())
    })
}

/// A string field; protobuf's JSON leaves empty strings out, so an empty one counts as absent.
fn non_empty(fields: Fields<'_>, pointer: &str) -> Result<Option<String>> {
    Ok(fields
        .str(pointer)?
        .filter(|s| !s.is_empty())
        .map(str::to_owned))
}

/// Splits Tetragon's `arguments` string back into arguments.
///
/// Tetragon writes each argument holding a space as `"<argument>"` and every other one as it
/// is, separated by single spaces. A token that starts with a quote is read as quoted up to
/// the first closing quote that ends a token, provided what it encloses holds a space (else
/// Tetragon would not have quoted it, and the quote is part of the argument).
fn split_arguments(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(' ');
        if rest.is_empty() {
            return args;
        }
        let (arg, after) = quoted(rest).unwrap_or_else(|| match rest.split_once(' ') {
            Some((arg, after)) => (arg, after),
            None => (rest, ""),
        });
        args.push(arg.to_owned());
        rest = after;
    }
}

/// The quoted argument at the start of `text` and what follows it, if it starts with one.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('"')?;
    let mut from = 0;
    while let Some(offset) = inner.get(from..)?.find('"') {
        let close = from + offset;
        let arg = inner.get(..close)?;
        let after = inner.get(close + 1..)?;
        if (after.is_empty() || after.starts_with(' ')) && arg.contains(' ') {
            return Some((arg, after));
        }
        from = close + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::document::Document;

    fn pod() -> Value {
        json!({
            "namespace": "shop",
            "name": "web-6d8f7c9b5-x2k4p",
            "container": {
                "id": "containerd://5f2c9a0e7b1d4c3a8e6f0b2d9c7a1e4f3b8d6c0a2e9f7b5d1c3a8e6f0b2d9c7a",
                "name": "nginx",
                "image": {
                    "id": "registry.example.com/shop/web@sha256:4b1e5c0f9d2a7e3b8c6f1a0d5e9b2c7f4a8d3e6b1c0f5a9e2d7b4c8f1a6e3d0b",
                    "name": "registry.example.com/shop/web:1.25.3"
                },
                "start_time": "2026-03-02T08:14:51Z",
                "pid": 1
            },
            "pod_labels": {"app": "web", "pod-template-hash": "6d8f7c9b5"},
            "workload": "web",
            "workload_kind": "Deployment"
        })
    }

    fn process(binary: &str, arguments: &str, uid: i64, pid: i64) -> Value {
        json!({
            "exec_id": "bm9kZS0xOjEyMzQ1Njc4OToxMjM0NQ==",
            "pid": pid,
            "uid": uid,
            "cwd": "/",
            "binary": binary,
            "arguments": arguments,
            "flags": "execve rootcwd clone",
            "start_time": "2026-03-02T09:41:07.118Z",
            "auid": 4294967295u32,
            "pod": pod(),
            "docker": "5f2c9a0e7b1d4c3a8e6f0b2d9c7a1e4",
            "parent_exec_id": "bm9kZS0xOjEyMzQ1MDAwMDoxMjMwMA==",
            "tid": pid
        })
    }

    fn line(key: &str, body: Value) -> Value {
        json!({key: body, "node_name": "node-a1", "time": "2026-03-02T09:41:07.120Z"})
    }

    fn reading(value: Value) -> Reading {
        let doc = Document::on_line("tetragon.jsonl", value, 12);
        read(Fields { doc: &doc }).expect("a readable record")
    }

    fn error(value: Value) -> String {
        let doc = Document::on_line("tetragon.jsonl", value, 12);
        read(Fields { doc: &doc })
            .expect_err("a malformed record")
            .to_string()
    }

    fn event(value: Value) -> RuntimeEvent {
        match reading(value) {
            Reading::Event(event) => *event,
            Reading::Ignored(reason) => panic!("ignored: {reason}"),
        }
    }

    fn kprobe(function: &str, args: Value) -> Value {
        line(
            "process_kprobe",
            json!({
                "process": process("/bin/cat", "/etc/shadow", 0, 48211),
                "parent": process("/bin/bash", "", 0, 48190),
                "function_name": function,
                "args": args,
                "action": "KPROBE_ACTION_POST",
                "policy_name": "file-monitoring"
            }),
        )
    }

    #[test]
    fn interactive_root_bash_under_nginx_with_ancestors() {
        let mut exec = process("/bin/bash", "", 1000, 48190);
        exec["process_credentials"] = json!({"uid": 1000, "gid": 1000, "euid": 0, "egid": 0});
        let value = line(
            "process_exec",
            json!({
                "process": exec,
                "parent": process("/bin/sh", "-c \"sleep 1; bash -i\"", 101, 48102),
                "ancestors": [
                    process("/usr/sbin/nginx", "-g \"daemon off;\"", 0, 1),
                    process("/usr/bin/containerd-shim-runc-v2", "", 0, 1)
                ]
            }),
        );
        let event = event(value);
        assert_eq!(event.kind, EventType::ProcessExec);
        assert_eq!(event.time, "2026-03-02T09:41:07.120Z");
        assert_eq!(event.node.as_deref(), Some("node-a1"));
        assert_eq!(
            event.workload,
            WorkloadRef {
                kind: "Deployment".to_owned(),
                namespace: "shop".to_owned(),
                name: "web".to_owned()
            }
        );
        assert_eq!(event.pod.as_deref(), Some("web-6d8f7c9b5-x2k4p"));
        assert_eq!(event.container.as_deref(), Some("nginx"));
        assert_eq!(
            event.image.as_deref(),
            Some("registry.example.com/shop/web:1.25.3")
        );
        assert_eq!(
            event.process,
            Some(Process {
                binary: "/bin/bash".to_owned(),
                args: vec![],
                uid: 0,
                pid: Some(48190),
                cwd: Some("/".to_owned()),
                parents: vec![
                    "/bin/sh".to_owned(),
                    "/usr/sbin/nginx".to_owned(),
                    "/usr/bin/containerd-shim-runc-v2".to_owned()
                ],
                in_image: None,
                tty: false,
            }),
            "the effective uid of process_credentials wins over the real one"
        );
    }

    #[test]
    fn a_deleted_or_memfd_binary_was_not_in_the_image() {
        let mut exec = process("/dev/shm/x", "", 0, 5100);
        exec["binary_properties"] = json!({"file": {"inode": {"number": "51812", "links": 0}}});
        let event = event(line("process_exec", json!({"process": exec})));
        assert_eq!(event.process.and_then(|p| p.in_image), Some(false));
    }

    #[test]
    fn arguments_split_as_tetragon_joined_them() {
        let cases = [
            ("", vec![]),
            ("-g \"daemon off;\"", vec!["-g", "daemon off;"]),
            (
                "-c \"curl -s http://169.254.169.254/latest/meta-data/ | sh\"",
                vec![
                    "-c",
                    "curl -s http://169.254.169.254/latest/meta-data/ | sh",
                ],
            ),
            // Tetragon's leading space before a first quoted argument.
            (" \"a b\" c", vec!["a b", "c"]),
            // Quotes inside an argument without spaces are part of it.
            ("--msg=\"hi\" x", vec!["--msg=\"hi\"", "x"]),
            ("\"quoted\" x", vec!["\"quoted\"", "x"]),
            // A quote that never closes is literal.
            ("\"a b", vec!["\"a", "b"]),
            ("-o  out", vec!["-o", "out"]),
        ];
        for (text, expected) in cases {
            assert_eq!(split_arguments(text), expected, "splitting `{text}`");
        }
    }

    #[test]
    fn kprobe_file_write_and_read() {
        let write = event(kprobe(
            "security_file_permission",
            json!([{"file_arg": {"path": "/etc/passwd", "permission": "-rw-r--r--"}}, {"int_arg": 2}]),
        ));
        assert_eq!(write.kind, EventType::FileOpen);
        assert_eq!(
            write.file,
            Some(FileAccess {
                path: "/etc/passwd".to_owned(),
                access: FileAccessKind::Write,
                flags: vec!["MAY_WRITE".to_owned()],
            })
        );
        assert_eq!(
            write.process.map(|p| (p.binary, p.parents)),
            Some(("/bin/cat".to_owned(), vec!["/bin/bash".to_owned()]))
        );

        let read = event(kprobe(
            "security_file_permission",
            json!([{"file_arg": {"path": "/etc/shadow"}}, {"int_arg": 4}]),
        ));
        assert_eq!(
            read.file,
            Some(FileAccess {
                path: "/etc/shadow".to_owned(),
                access: FileAccessKind::Read,
                flags: vec!["MAY_READ".to_owned()],
            })
        );

        let append = event(kprobe(
            "security_file_permission",
            json!([{"file_arg": {"path": "/root/.bashrc"}}, {"int_arg": 10}]),
        ));
        assert_eq!(
            append.file.map(|f| (f.access, f.flags)),
            Some((
                FileAccessKind::Write,
                vec!["MAY_WRITE".to_owned(), "MAY_APPEND".to_owned()]
            ))
        );

        let truncate = event(kprobe(
            "security_path_truncate",
            json!([{"path_arg": {"path": "/etc/hosts"}}]),
        ));
        assert_eq!(
            truncate.file.map(|f| (f.path, f.access)),
            Some(("/etc/hosts".to_owned(), FileAccessKind::Write))
        );

        let mmap = event(kprobe(
            "security_mmap_file",
            json!([{"file_arg": {"path": "/etc/passwd"}}, {"uint_arg": 3}]),
        ));
        assert_eq!(
            mmap.file.map(|f| (f.access, f.flags)),
            Some((
                FileAccessKind::Write,
                vec!["PROT_READ".to_owned(), "PROT_WRITE".to_owned()]
            ))
        );
    }

    #[test]
    fn tcp_connect_is_outbound_and_accept_inbound() {
        let connect = event(kprobe(
            "tcp_connect",
            json!([{"sock_arg": {
                "family": "AF_INET", "type": "SOCK_STREAM", "protocol": "IPPROTO_TCP",
                "saddr": "10.244.1.17", "daddr": "1.2.3.4", "sport": 51724, "dport": 3333,
                "cookie": "18446623472478416640", "state": "TCP_SYN_SENT"
            }}]),
        ));
        assert_eq!(connect.kind, EventType::NetworkConnect);
        assert_eq!(
            connect.network,
            Some(Connection {
                protocol: "tcp".to_owned(),
                direction: Direction::Outbound,
                destination: Endpoint {
                    address: "1.2.3.4".to_owned(),
                    port: 3333
                },
                source: Some(Endpoint {
                    address: "10.244.1.17".to_owned(),
                    port: 51724
                }),
            })
        );

        let mut accept = kprobe("inet_csk_accept", json!([]));
        accept["process_kprobe"]["return"] = json!({"sock_arg": {
            "family": "AF_INET", "type": "SOCK_STREAM", "protocol": "IPPROTO_TCP",
            "saddr": "10.244.1.17", "daddr": "10.244.2.9", "sport": 8080, "dport": 40122
        }});
        assert_eq!(
            event(accept)
                .network
                .map(|n| (n.direction, n.destination, n.source)),
            Some((
                Direction::Inbound,
                Endpoint {
                    address: "10.244.1.17".to_owned(),
                    port: 8080
                },
                Some(Endpoint {
                    address: "10.244.2.9".to_owned(),
                    port: 40122
                })
            ))
        );
    }

    #[test]
    fn what_is_ignored_and_why() {
        let mut host = process(
            "/usr/bin/kubelet",
            "--config=/var/lib/kubelet/config.yaml",
            0,
            812,
        );
        host.as_object_mut().map(|p| p.remove("pod"));
        let exit = json!({"process": process("/usr/bin/id", "", 0, 48300), "status": 0});
        let cases = [
            (
                line("process_exec", json!({"process": host})),
                "host process, not in a container",
            ),
            (
                line("process_exit", exit),
                "a process exit is not activity ztguard reads",
            ),
            (
                kprobe("security_bprm_check", json!([])),
                "kprobe `security_bprm_check` is not a file or network hook ztguard reads",
            ),
            (
                kprobe(
                    "fd_install",
                    json!([{"int_arg": 3}, {"file_arg": {"path": "/etc/shadow"}}]),
                ),
                "kprobe `fd_install` does not say whether the file was opened to read or to \
                 write; trace `security_file_permission` instead",
            ),
            (
                kprobe(
                    "security_file_permission",
                    json!([{"file_arg": {"path": "/usr/bin/id"}}, {"int_arg": 1}]),
                ),
                "kprobe `security_file_permission` with mask `1` neither reads nor writes \
                 `/usr/bin/id`",
            ),
            (
                line(
                    "process_lsm",
                    json!({"process": process("/bin/sh", "", 0, 1)}),
                ),
                "`process_lsm` events are not activity ztguard reads",
            ),
        ];
        for (value, reason) in cases {
            assert_eq!(reading(value), Reading::Ignored(reason.to_owned()));
        }
    }

    #[test]
    fn malformed_fields_are_named_by_pointer() {
        let mut bad_uid = process("/bin/bash", "", 0, 1);
        bad_uid["uid"] = json!("x");
        let mut no_binary = process("/bin/bash", "", 0, 1);
        no_binary.as_object_mut().map(|p| p.remove("binary"));
        let mut no_namespace = process("/bin/bash", "", 0, 1);
        no_namespace["pod"]
            .as_object_mut()
            .map(|p| p.remove("namespace"));
        let mut no_time = line(
            "process_exec",
            json!({"process": process("/bin/sh", "", 0, 1)}),
        );
        no_time.as_object_mut().map(|l| l.remove("time"));
        let cases = [
            (
                line("process_exec", json!({"process": bad_uid})),
                "tetragon.jsonl:12 at `/process_exec/process/uid`: expected an integer, found \
                 `\"x\"`",
            ),
            (
                line("process_exec", json!({"process": no_binary})),
                "tetragon.jsonl:12 at `/process_exec/process`: the process has no `binary`",
            ),
            (
                line("process_exec", json!({"process": no_namespace})),
                "tetragon.jsonl:12 at `/process_exec/process/pod`: the pod has no `namespace`",
            ),
            (no_time, "tetragon.jsonl:12 at `/`: the event has no `time`"),
            (
                kprobe(
                    "security_file_permission",
                    json!([{"file_arg": {"path": "/etc/passwd"}}]),
                ),
                "tetragon.jsonl:12 at `/process_kprobe/args`: kprobe `security_file_permission` \
                 has no `int_arg`: the tracing policy must pass the access mask (argument 1, \
                 type `int`)",
            ),
            (
                kprobe(
                    "tcp_connect",
                    json!([{"sock_arg": {"protocol": "IPPROTO_TCP", "daddr": "1.2.3.4", "dport": 70000}}]),
                ),
                "tetragon.jsonl:12 at `/process_kprobe/args/0/sock_arg/dport`: port `70000` is \
                 out of range",
            ),
            (
                json!({"process_exec": {}, "process_exit": {}, "time": "2026-03-02T09:41:07Z"}),
                "tetragon.jsonl:12 at `/`: expected exactly one Tetragon event key, found \
                 `process_exec`, `process_exit`",
            ),
        ];
        for (value, message) in cases {
            assert_eq!(error(value), message);
        }
    }

    #[test]
    fn sample_stream_reads_line_by_line() {
        let file = "testdata/events/tetragon.jsonl";
        let text = include_str!("../../../../testdata/events/tetragon.jsonl");
        let mut counts = std::collections::BTreeMap::new();
        let mut ignored = Vec::new();
        for (i, line) in text.lines().enumerate() {
            match crate::adapters::events::read_line(file, i + 1, line) {
                Ok(Reading::Event(event)) => *counts.entry(event.kind).or_insert(0) += 1,
                Ok(Reading::Ignored(reason)) => ignored.push(format!("{}: {reason}", i + 1)),
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(
            counts,
            std::collections::BTreeMap::from([
                (EventType::ProcessExec, 11),
                (EventType::FileOpen, 4),
                (EventType::NetworkConnect, 5),
            ])
        );
        assert_eq!(
            ignored,
            [
                "4: a process exit is not activity ztguard reads",
                "12: a process exit is not activity ztguard reads",
                "19: kprobe `fd_install` does not say whether the file was opened to read or to \
                 write; trace `security_file_permission` instead",
                "23: host process, not in a container",
                "25: kprobe `sys_setuid` is not a file or network hook ztguard reads",
                "26: a process exit is not activity ztguard reads",
            ]
        );
    }

    #[test]
    fn recognized_by_one_event_key_and_a_time() {
        assert!(looks_like(&json!({"process_exec": {}, "time": "t"})));
        assert!(!looks_like(&json!({"process_exec": {}})));
        assert!(!looks_like(
            &json!({"process_exec": {}, "process_exit": {}, "time": "t"})
        ));
        assert!(!looks_like(&json!({"type": "process_exec", "time": "t"})));
    }
}
