//! Kubernetes audit events (`audit.k8s.io/v1` `Event`), one per line as the API server's log
//! backend writes them (`--audit-log-path`) or a webhook backend receives them unwrapped from
//! their `EventList`.
//!
//! Requests against the `exec`, `attach` and `portforward` subresources of pods are
//! [`EventType::ApiRequest`]s. What was asked is in the query of `requestURI`: every
//! `command=` parameter is one word of the command (in order), `container=` names the
//! container, `tty=` asks for a terminal, and `ports=` (repeated, or comma-separated) names the
//! forwarded ports. `kubectl port-forward` sends its ports in stream headers instead, so a
//! port-forward usually names none. The user is `user.username`, the one who asked, even when
//! the request impersonated someone else.
//!
//! Ignored, with a reason: events at stage `RequestReceived` (the outcome is not known yet, and
//! the same request is logged again at `ResponseStarted` or `ResponseComplete`), requests the
//! API server refused (`responseStatus.code` of 400 or more), and requests about anything
//! else. An allowed exec is logged at both `ResponseStarted` and `ResponseComplete`; both
//! readings carry the `auditID`, by which the stream reader keeps one.

use serde_json::Value;

use super::events::Reading;
use super::fields::Fields;
use crate::error::Result;
use crate::facts::{ApiAction, ApiRequest, EventType, RuntimeEvent, WorkloadRef};

const API_VERSION: &str = "audit.k8s.io/v1";

pub(crate) fn looks_like(value: &Value) -> bool {
    value.get("apiVersion").and_then(Value::as_str) == Some(API_VERSION)
        && value.get("kind").and_then(Value::as_str) == Some("Event")
}

pub(crate) fn read(fields: Fields<'_>) -> Result<Reading> {
    let action = match (
        fields.str("/objectRef/resource")?,
        fields.str("/objectRef/subresource")?,
    ) {
        (Some("pods"), Some("exec")) => ApiAction::Exec,
        (Some("pods"), Some("attach")) => ApiAction::Attach,
        (Some("pods"), Some("portforward")) => ApiAction::Portforward,
        _ => {
            return Ok(Reading::Ignored(
                "not an exec, attach or port-forward request".to_owned(),
            ));
        }
    };
    if fields.str("/stage")? == Some("RequestReceived") {
        return Ok(Reading::Ignored(
            "stage `RequestReceived`: the outcome is not known yet, and the request is logged \
             again when the response starts or completes"
                .to_owned(),
        ));
    }
    if let Some(code) = fields.int("/responseStatus/code")? {
        if code >= 400 {
            return Ok(Reading::Ignored(format!(
                "the API server refused it ({code})"
            )));
        }
    }

    let namespace = required(
        fields,
        "/objectRef/namespace",
        "the objectRef has no `namespace`",
    )?;
    let pod = required(fields, "/objectRef/name", "the objectRef has no `name`")?;
    let time = match fields.str("/stageTimestamp")? {
        Some(time) => time.to_owned(),
        None => required(
            fields,
            "/requestReceivedTimestamp",
            "the event has no `stageTimestamp` or `requestReceivedTimestamp`",
        )?,
    };
    let uri = required(fields, "/requestURI", "the event has no `requestURI`")?;
    let query = query(&uri).map_err(|message| fields.error("/requestURI", message))?;
    let values = |name: &str| -> Vec<String> {
        query
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    };
    let container = values("container").into_iter().next();
    let tty = values("tty").iter().any(|value| is_true(value));
    let mut ports = Vec::new();
    for value in values("ports") {
        for port in value.split(',').filter(|p| !p.is_empty()) {
            let port = port.trim().parse::<u16>().map_err(|_| {
                fields.error("/requestURI", format!("port `{port}` is not a port number"))
            })?;
            ports.push(port);
        }
    }

    let api = ApiRequest {
        action,
        user: required(fields, "/user/username", "the user has no `username`")?,
        groups: fields.strings("/user/groups")?,
        command: values("command"),
        tty,
        ports,
        source_ips: fields.strings("/sourceIPs")?,
        user_agent: fields.str("/userAgent")?.map(str::to_owned),
        audit_id: Some(required(fields, "/auditID", "the event has no `auditID`")?),
    };
    Ok(Reading::Event(Box::new(RuntimeEvent {
        kind: EventType::ApiRequest,
        time,
        node: None,
        workload: WorkloadRef {
            kind: "Pod".to_owned(),
            namespace,
            name: pod.clone(),
        },
        pod: Some(pod),
        container,
        image: None,
        process: None,
        file: None,
        network: None,
        api: Some(api),
        declared: None,
        source: None,
    })))
}

fn required(fields: Fields<'_>, pointer: &str, missing: &str) -> Result<String> {
    fields
        .str(pointer)?
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            let parent = pointer
                .rfind('/')
                .and_then(|i| pointer.get(..i))
                .unwrap_or("");
            fields.error(parent, missing.to_owned())
        })
}

/// The true spellings of Go's `strconv.ParseBool`, which the API server decodes flags with.
fn is_true(value: &str) -> bool {
    matches!(value, "1" | "t" | "T" | "true" | "TRUE" | "True")
}

/// The decoded `name=value` pairs of a URI's query, in order.
fn query(uri: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let Some((_, query)) = uri.split_once('?') else {
        return Ok(Vec::new());
    };
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(name)?, decode(value)?))
        })
        .collect()
}

/// Percent-decodes one query component, reading `+` as a space.
fn decode(text: &str) -> std::result::Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let byte = text
                    .get(i + 1..i + 3)
                    .filter(|hex| hex.bytes().all(|c| c.is_ascii_hexdigit()))
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                    .ok_or_else(|| format!("`{text}` has a malformed percent escape"))?;
                out.push(byte);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{text}` does not decode to UTF-8"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::document::Document;

    fn audit(subresource: &str, query: &str) -> Value {
        json!({
            "kind": "Event",
            "apiVersion": "audit.k8s.io/v1",
            "level": "Metadata",
            "auditID": "6f1b0c2e-3d7a-4e59-9b1f-2a8c4d6e0f13",
            "stage": "ResponseStarted",
            "requestURI": format!(
                "/api/v1/namespaces/shop/pods/web-6d8f7c9b5-x2k4p/{subresource}{query}"
            ),
            "verb": "create",
            "user": {
                "username": "alice@example.com",
                "groups": ["oidc:sre", "system:authenticated"]
            },
            "sourceIPs": ["203.0.113.24"],
            "userAgent": "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",
            "objectRef": {
                "resource": "pods",
                "namespace": "shop",
                "name": "web-6d8f7c9b5-x2k4p",
                "apiVersion": "v1",
                "subresource": subresource
            },
            "responseStatus": {"metadata": {}, "code": 101},
            "requestReceivedTimestamp": "2026-03-02T09:40:58.201733Z",
            "stageTimestamp": "2026-03-02T09:40:58.254120Z",
            "annotations": {
                "authorization.k8s.io/decision": "allow",
                "authorization.k8s.io/reason": "RBAC: allowed by ClusterRoleBinding \"sre-admin\""
            }
        })
    }

    fn reading(value: Value) -> Reading {
        let doc = Document::on_line("audit.jsonl", value, 7);
        read(Fields { doc: &doc }).expect("a readable record")
    }

    fn event(value: Value) -> RuntimeEvent {
        match reading(value) {
            Reading::Event(event) => *event,
            Reading::Ignored(reason) => panic!("ignored: {reason}"),
        }
    }

    fn error(value: Value) -> String {
        let doc = Document::on_line("audit.jsonl", value, 7);
        read(Fields { doc: &doc })
            .expect_err("a malformed record")
            .to_string()
    }

    #[test]
    fn exec_with_command_container_and_tty() {
        let event = event(audit(
            "exec",
            "?command=sh&command=-c&command=id%3B+cat+%2Fetc%2Fshadow&container=app&stdin=true&stdout=true&tty=true",
        ));
        assert_eq!(event.kind, EventType::ApiRequest);
        assert_eq!(event.time, "2026-03-02T09:40:58.254120Z");
        assert_eq!(
            event.workload,
            WorkloadRef {
                kind: "Pod".to_owned(),
                namespace: "shop".to_owned(),
                name: "web-6d8f7c9b5-x2k4p".to_owned()
            }
        );
        assert_eq!(event.pod.as_deref(), Some("web-6d8f7c9b5-x2k4p"));
        assert_eq!(event.container.as_deref(), Some("app"));
        assert_eq!(
            event.api,
            Some(ApiRequest {
                action: ApiAction::Exec,
                user: "alice@example.com".to_owned(),
                groups: vec!["oidc:sre".to_owned(), "system:authenticated".to_owned()],
                command: vec![
                    "sh".to_owned(),
                    "-c".to_owned(),
                    "id; cat /etc/shadow".to_owned()
                ],
                tty: true,
                ports: vec![],
                source_ips: vec!["203.0.113.24".to_owned()],
                user_agent: Some("kubectl/v1.30.2 (linux/amd64) kubernetes/3968350".to_owned()),
                audit_id: Some("6f1b0c2e-3d7a-4e59-9b1f-2a8c4d6e0f13".to_owned()),
            })
        );
    }

    #[test]
    fn attach_without_a_terminal() {
        let event = event(audit(
            "attach",
            "?container=nginx&stderr=true&stdin=false&stdout=true&tty=false",
        ));
        let api = event.api.expect("an API request");
        assert_eq!(
            (api.action, api.tty, api.command.len()),
            (ApiAction::Attach, false, 0)
        );
        assert_eq!(event.container.as_deref(), Some("nginx"));
    }

    #[test]
    fn portforward_with_and_without_ports() {
        let forward = event(audit("portforward", "?ports=8080&ports=5432,9090"));
        assert_eq!(forward.container, None);
        let api = forward.api.expect("an API request");
        assert_eq!(api.action, ApiAction::Portforward);
        assert_eq!(api.ports, [8080, 5432, 9090]);

        let bare = event(audit("portforward", ""));
        assert_eq!(bare.api.map(|a| a.ports), Some(vec![]));
    }

    #[test]
    fn what_is_ignored_and_why() {
        let mut received = audit("exec", "?command=sh&container=app");
        received["stage"] = json!("RequestReceived");
        received.as_object_mut().map(|e| e.remove("responseStatus"));
        let mut refused = audit("exec", "?command=sh&container=app");
        refused["stage"] = json!("ResponseComplete");
        refused["responseStatus"] =
            json!({"status": "Failure", "reason": "Forbidden", "code": 403});
        let mut get = audit("", "");
        get["requestURI"] = json!("/api/v1/namespaces/shop/pods/web-6d8f7c9b5-x2k4p");
        get["verb"] = json!("get");
        get["objectRef"]
            .as_object_mut()
            .map(|o| o.remove("subresource"));
        let cases = [
            (
                received,
                "stage `RequestReceived`: the outcome is not known yet, and the request is \
                 logged again when the response starts or completes",
            ),
            (refused, "the API server refused it (403)"),
            (get, "not an exec, attach or port-forward request"),
        ];
        for (value, reason) in cases {
            assert_eq!(reading(value), Reading::Ignored(reason.to_owned()));
        }
    }

    #[test]
    fn malformed_fields_are_named_by_pointer() {
        let mut no_user = audit("exec", "?command=id");
        no_user["user"]
            .as_object_mut()
            .map(|u| u.remove("username"));
        let mut bad_ips = audit("exec", "?command=id");
        bad_ips["sourceIPs"] = json!(["203.0.113.24", 7]);
        let mut no_time = audit("exec", "?command=id");
        no_time.as_object_mut().map(|e| {
            e.remove("stageTimestamp");
            e.remove("requestReceivedTimestamp")
        });
        let cases = [
            (
                no_user,
                "audit.jsonl:7 at `/user`: the user has no `username`",
            ),
            (
                bad_ips,
                "audit.jsonl:7 at `/sourceIPs/1`: expected a string, found `7`",
            ),
            (
                no_time,
                "audit.jsonl:7 at `/`: the event has no `stageTimestamp` or \
                 `requestReceivedTimestamp`",
            ),
            (
                audit("exec", "?command=%ZZ"),
                "audit.jsonl:7 at `/requestURI`: `%ZZ` has a malformed percent escape",
            ),
            (
                audit("portforward", "?ports=http"),
                "audit.jsonl:7 at `/requestURI`: port `http` is not a port number",
            ),
        ];
        for (value, message) in cases {
            assert_eq!(error(value), message);
        }
    }

    #[test]
    fn query_strings_decode() {
        assert_eq!(
            query("/x?a=1&b=two+words&c=%2Fetc%2Fpasswd&flag&&d=%2B#frag"),
            Ok(vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "two words".to_owned()),
                ("c".to_owned(), "/etc/passwd".to_owned()),
                ("flag".to_owned(), String::new()),
                ("d".to_owned(), "+".to_owned()),
            ])
        );
        assert_eq!(query("/x"), Ok(vec![]));
        assert_eq!(
            decode("%+1"),
            Err("`%+1` has a malformed percent escape".to_owned())
        );
        assert_eq!(
            decode("%FF"),
            Err("`%FF` does not decode to UTF-8".to_owned())
        );
    }

    #[test]
    fn sample_stream_reads_line_by_line() {
        let file = "testdata/events/audit.jsonl";
        let text = include_str!("../../../../testdata/events/audit.jsonl");
        let mut requests = Vec::new();
        let mut ignored = Vec::new();
        for (i, line) in text.lines().enumerate() {
            match crate::adapters::events::read_line(file, i + 1, line) {
                Ok(Reading::Event(event)) => {
                    let api = event.api.expect("an API request");
                    requests.push((i + 1, api.action, api.user, api.tty));
                }
                Ok(Reading::Ignored(reason)) => ignored.push(format!("{}: {reason}", i + 1)),
                Err(e) => panic!("{e}"),
            }
        }
        let alice = "alice@example.com".to_owned();
        let bob = "bob@example.com".to_owned();
        assert_eq!(
            requests,
            [
                (2, ApiAction::Exec, alice.clone(), true),
                (3, ApiAction::Exec, bob.clone(), false),
                (4, ApiAction::Attach, bob, true),
                (5, ApiAction::Portforward, alice.clone(), false),
                (6, ApiAction::Portforward, alice.clone(), false),
                (10, ApiAction::Exec, alice, true),
            ]
        );
        assert_eq!(
            ignored,
            [
                "1: stage `RequestReceived`: the outcome is not known yet, and the request is \
                 logged again when the response starts or completes",
                "7: not an exec, attach or port-forward request",
                "8: the API server refused it (403)",
                "9: not an exec, attach or port-forward request",
            ]
        );
    }

    #[test]
    fn recognized_by_api_version_and_kind() {
        assert!(looks_like(&audit("exec", "")));
        assert!(!looks_like(
            &json!({"kind": "EventList", "apiVersion": "audit.k8s.io/v1", "items": []})
        ));
        assert!(!looks_like(&json!({"kind": "Event", "apiVersion": "v1"})));
    }
}
