//! The `ztguard` command as pipelines use it: output formats and exit codes.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers fail the test by panicking"
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ztguard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ztguard"))
        .current_dir(repo())
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const EXAMPLE: &str = "testdata/examples/quickstart";

#[test]
fn check_prints_a_table_and_fails_on_deny_findings() {
    let output = ztguard(&["check", EXAMPLE]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let table = stdout(&output);
    for rule in ["ZT-IMG-001", "ZT-PRV-001", "ZT-SEG-001", "ZT-RUN-001"] {
        assert!(table.contains(rule), "{rule} missing from\n{table}");
    }
    assert!(table.contains("skipped ConfigMap storefront-config"));
    assert!(
        table.ends_with("denied: 36 findings (2 critical, 15 high, 17 medium, 2 low)\n"),
        "{table}"
    );
}

#[test]
fn json_output_is_the_documented_report() {
    let output = ztguard(&["check", EXAMPLE, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["apiVersion"], "ztguard.dev/report/v1");
    assert_eq!(report["allowed"], false);
    assert_eq!(report["summary"]["total"], 36);
    assert_eq!(report["summary"]["by_pillar"]["runtime"], 2);
}

#[test]
fn exit_code_follows_fail_on() {
    let code = |threshold: &str| {
        ztguard(&["check", EXAMPLE, "--fail-on", threshold])
            .status
            .code()
    };
    assert_eq!(code("critical"), Some(1));
    assert_eq!(code("none"), Some(0));

    let warn_only = "testdata/cases/runtime-shell-non-root/events.yaml";
    let code = |args: &[&str]| {
        ztguard(&[&["check", warn_only], args].concat())
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0), "alerts do not deny");
    assert_eq!(
        code(&["--fail-on", "critical"]),
        Some(0),
        "the shell ran as uid 1001: high"
    );
    assert_eq!(code(&["--fail-on", "high"]), Some(1));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ztguard"))
        .args(["check", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: nginx, securityContext: {privileged: true}}\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(pod.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["findings"][0]["rule"], "ZT-PRV-001");
    assert_eq!(report["findings"][0]["source"]["file"], "<stdin>");
    assert_eq!(report["findings"][0]["source"]["line"], 6);
}

#[test]
fn bad_input_exits_2_with_the_error() {
    let output = ztguard(&["check", "testdata/cases/error-broken-yaml/pod.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: testdata/cases/error-broken-yaml/pod.yaml:5:14: invalid YAML: mapping values are not allowed in this context\n"
    );

    let output = ztguard(&[
        "check",
        "testdata/cases/error-broken-yaml/pod.yaml",
        "--format",
        "json",
    ]);
    let record: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(record["error"]["code"], "parse");
    assert_eq!(record["error"]["location"]["line"], 5);
    assert_eq!(record["error"]["location"]["column"], 14);

    let missing = ztguard(&["check", "no/such/file.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).starts_with("error: cannot read `no/such/file.yaml`: "));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(ztguard(&["check"]).status.code(), Some(2));
    assert_eq!(
        ztguard(&["check", EXAMPLE, "--fail-on", "severe"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn user_policies_and_data_join_the_builtins() {
    let case = "testdata/cases/user-policy-with-parameters";
    let data = std::env::temp_dir().join(format!("ztguard-cli-data-{}.json", std::process::id()));
    std::fs::write(
        &data,
        r#"{"ztguard": {"params": {"ACME-LBL-001": {"label": "team"}}}}"#,
    )
    .unwrap();
    let output = ztguard(&[
        "check",
        &format!("{case}/pods.yaml"),
        "--policy",
        case,
        "--data",
        data.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let _ = std::fs::remove_file(&data);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"ACME-LBL-001"), "{rules:?}");
    assert!(
        rules.contains(&"ZT-PRV-003"),
        "built-ins still run: {rules:?}"
    );

    let listed = stdout(&ztguard(&["rules", "--policy", case]));
    assert!(listed.contains("ACME-LBL-001") && listed.contains("ZT-RUN-001"));
}

#[test]
fn rules_lists_metadata_as_json() {
    let output = ztguard(&["rules", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let first = &rules["rules"][0];
    assert_eq!(first["metadata"]["id"], "ZT-IAM-001");
    assert_eq!(first["file"], "policies/rules/privilege/iam_wildcards.rego");
}

/// `ztguard check` on the README's image-trust example, with its parameters and waivers.
fn image_trust_example(extra: &[&str]) -> Output {
    let example = "testdata/examples/image-trust";
    let (inputs, params, waivers) = (
        format!("{example}/inputs"),
        format!("{example}/config/params.yaml"),
        format!("{example}/config/waivers.yaml"),
    );
    let args = [
        &[
            "check",
            inputs.as_str(),
            "--data",
            &params,
            "--waivers",
            &waivers,
        ],
        extra,
    ]
    .concat();
    ztguard(&args)
}

#[test]
fn evidence_files_and_waivers_join_the_manifests() {
    let output = image_trust_example(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["total"], 4);
    assert_eq!(report["summary"]["waived"], 1);
    assert_eq!(
        report["waived"][0]["waiver"]["owner"],
        "platform@acme.example"
    );
    assert_eq!(report["expired_waivers"][0]["rule"], "ZT-IMG-004");
    assert_eq!(report["findings"][0]["rule"], "ZT-IMG-007");
    assert_eq!(report["findings"][0]["source"]["line"], 32);
}

#[test]
fn malformed_waivers_exit_2() {
    let output = ztguard(&[
        "check",
        EXAMPLE,
        "--waivers",
        "testdata/cases/error-waiver-without-owner/waivers.yaml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: testdata/cases/error-waiver-without-owner/waivers.yaml:6 at `/waivers/0/owner`: `owner` is empty\n"
    );
}

#[test]
fn the_table_counts_waived_findings_and_expired_waivers() {
    let output = image_trust_example(&[]);
    let table = stdout(&output);
    assert!(
        table.ends_with(
            "denied: 4 findings (1 critical, 0 high, 3 medium, 0 low), 1 waived, 1 expired waiver\n"
        ),
        "{table}"
    );
    assert!(table.contains(
        "expired waiver for ZT-IMG-004 (testdata/examples/image-trust/config/waivers.yaml:9)"
    ));
}

#[test]
fn graph_prints_the_allowed_edges_and_why() {
    let output = ztguard(&["graph", "testdata/examples/segmentation/shop.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "frontend/web -> backend/api (TCP 8080; egress: not isolated; ingress: backend/api-from-frontend rule 0)\n\
         backend/api -> frontend/web (any port; egress: not isolated; ingress: not isolated)\n\
         backend/api -> backend/db (TCP 5432; egress: not isolated; ingress: backend/db-from-api rule 0)\n\
         backend/db -> frontend/web (any port; egress: not isolated; ingress: not isolated)\n\
         4 allowed edges between 3 workloads\n"
    );
    let dot = stdout(&ztguard(&[
        "graph",
        "testdata/examples/segmentation/shop.yaml",
        "--format",
        "dot",
    ]));
    assert!(dot.starts_with("digraph ztguard {"), "{dot}");
    assert!(dot.contains("subgraph \"cluster_backend\""), "{dot}");
    assert!(dot.contains("w0 -> w1 [label=\"TCP 8080\"];"), "{dot}");
}

#[test]
fn graph_shows_segmentation_before_and_after() {
    let before = stdout(&ztguard(&["graph", "testdata/examples/three-tier/before"]));
    assert!(
        before.ends_with("6 allowed edges between 3 workloads\n"),
        "{before}"
    );
    let after = stdout(&ztguard(&["graph", "testdata/examples/three-tier/after"]));
    assert_eq!(
        after,
        "frontend/web -> backend/api (TCP 9000; egress: frontend/default-deny rule 0; ingress: backend/api-from-web rule 0)\n\
         backend/api -> data/postgres (TCP 5432; egress: backend/default-deny rule 0; ingress: data/postgres-from-api rule 0)\n\
         2 allowed edges between 3 workloads\n"
    );
}

fn watch_stdin(args: &[&str], lines: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ztguard"))
        .current_dir(repo())
        .arg("watch")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

const ROOT_SHELL: &str = r#"{"type": "process_exec", "time": "2026-12-01T10:00:00Z", "workload": {"kind": "Deployment", "namespace": "shop", "name": "web"}, "pod": "web-6d8f7c9b5-x2k4p", "container": "nginx", "process": {"binary": "/bin/bash", "uid": 0, "tty": true}}"#;

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn watch_reports_a_root_shell_from_stdin_as_critical_with_a_kill() {
    let output = watch_stdin(&["--format", "json"], &format!("{ROOT_SHELL}\n"));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let d = &lines[0];
    assert_eq!(
        (&d["rule"], &d["severity"], &d["response"]),
        (&"ZT-RUN-001".into(), &"critical".into(), &"kill".into())
    );
    assert_eq!(d["event"]["pod"], "web-6d8f7c9b5-x2k4p");
    assert_eq!(d["source"]["file"], "<stdin>");
    assert_eq!(
        stderr(&output),
        "watch: 1 events, 0 ignored, 0 unreadable lines, 1 detections (0 waived)\n"
    );

    let data = std::env::temp_dir().join(format!("ztguard-watch-{}.json", std::process::id()));
    std::fs::write(
        &data,
        r#"{"ztguard": {"params": {"ZT-RUN-001": {"root_response": "alert"}}}}"#,
    )
    .unwrap();
    let output = watch_stdin(
        &["--format", "json", "--data", data.to_str().unwrap()],
        &format!("{ROOT_SHELL}\n"),
    );
    let _ = std::fs::remove_file(&data);
    let lines = json_lines(&output);
    assert_eq!(
        (&lines[0]["severity"], &lines[0]["response"]),
        (&"critical".into(), &"alert".into())
    );
}

#[test]
fn watch_goes_on_past_bad_lines_and_names_each() {
    let stream = format!(
        "{ROOT_SHELL}\nnot json\n{{\"kind\": \"Event\"}}\n{}\n",
        ROOT_SHELL.replace("\"uid\": 0", "\"uid\": 1000")
    );
    let output = watch_stdin(&["--format", "json"], &stream);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let summary: Vec<(serde_json::Value, serde_json::Value)> = lines
        .iter()
        .map(|l| match l.get("error") {
            Some(e) => (l["line"].clone(), e["code"].clone()),
            None => (l["source"]["line"].clone(), l["rule"].clone()),
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (1.into(), "ZT-RUN-001".into()),
            (2.into(), "parse".into()),
            (3.into(), "input".into()),
            (4.into(), "ZT-RUN-001".into()),
        ]
    );
    let errors = stderr(&output);
    assert!(
        errors.contains("error: <stdin>:2:2: expected ident\n"),
        "{errors}"
    );
    assert!(
        errors.contains("error: <stdin>:3: unknown event format"),
        "{errors}"
    );
    assert!(
        errors
            .ends_with("watch: 2 events, 0 ignored, 2 unreadable lines, 2 detections (0 waived)\n"),
        "{errors}"
    );
}

#[test]
fn watch_reads_the_sample_streams_with_their_manifests() {
    let output = ztguard(&[
        "watch",
        "testdata/events/tetragon.jsonl",
        "--workloads",
        "testdata/events/workloads.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("critical kill ZT-RUN-001 Deployment shop/web [nginx] testdata/events/tetragon.jsonl:10: shell `/bin/bash` started in container `nginx` as root"),
        "{text}"
    );
    assert!(
        text.contains("critical isolate ZT-RUN-010 Deployment shop/web [nginx] testdata/events/tetragon.jsonl:22:"),
        "{text}"
    );
    assert_eq!(
        stderr(&output),
        "watch: 20 events, 6 ignored, 0 unreadable lines, 17 detections (0 waived)\n"
    );
    let clean = ztguard(&["watch", "no-such-file.jsonl"]);
    assert_eq!(clean.status.code(), Some(2));
    assert!(stderr(&clean).starts_with("error: cannot read `no-such-file.jsonl`"));
}

#[test]
fn every_format_carries_the_same_findings() {
    let run = |format: &str| stdout(&ztguard(&["check", EXAMPLE, "--format", format]));
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 36);
    assert_eq!(sarif["version"], "2.1.0");
    let junit = run("junit");
    assert!(junit.starts_with("<?xml"), "{junit}");
    // 35 rule and resource pairs fail: ZT-PRV-002 finds two host namespaces of one DaemonSet.
    assert_eq!(junit.matches("<failure ").count(), 35);
    let github = run("github");
    assert_eq!(github.lines().filter(|l| l.starts_with("::")).count(), 36);
    assert!(github.contains("::error file=testdata/examples/quickstart/manifests.yaml,line=45,"));
}

#[test]
fn machine_formats_leave_stdout_to_the_format_and_count_on_stderr() {
    let output = ztguard(&["check", EXAMPLE, "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(serde_json::from_str::<serde_json::Value>(&stdout(&output)).is_ok());
    assert_eq!(
        stderr(&output),
        "denied: 36 findings (2 critical, 15 high, 17 medium, 2 low)\n"
    );
}

#[test]
fn colour_is_for_terminals_or_when_asked() {
    let plain = stdout(&ztguard(&["check", EXAMPLE]));
    assert!(
        !plain.contains('\u{1b}'),
        "stdout is a pipe here: no colour"
    );
    let coloured = stdout(&ztguard(&["check", EXAMPLE, "--color", "always"]));
    assert!(coloured.contains("\u{1b}[1;31mcritical"), "{coloured}");
    let stripped = coloured
        .replace("\u{1b}[1;31m", "")
        .replace("\u{1b}[31m", "")
        .replace("\u{1b}[33m", "")
        .replace("\u{1b}[36m", "")
        .replace("\u{1b}[0m", "");
    assert_eq!(stripped, plain, "colour changes nothing but colour");
}

#[test]
fn stage_keeps_the_rules_of_that_stage() {
    let report = |stages: &[&str]| {
        let mut args = vec!["check", EXAMPLE, "--format", "json"];
        for stage in stages {
            args.extend(["--stage", stage]);
        }
        let output = ztguard(&args);
        serde_json::from_str::<serde_json::Value>(&stdout(&output)).unwrap()
    };
    let runtime = report(&["runtime"]);
    let findings = runtime["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let stages = f["stages"].as_array().unwrap();
        assert!(stages.iter().any(|s| s == "runtime"), "{f}");
    }
    assert_eq!(runtime["summary"]["by_pillar"]["runtime"], 2);
    let build = report(&["build"]);
    assert_eq!(build["summary"]["by_pillar"]["runtime"], 0);
    let both = report(&["build", "runtime"]);
    let total = |r: &serde_json::Value| r["summary"]["total"].as_u64().unwrap();
    assert!(total(&both) >= total(&build).max(total(&runtime)));
    assert!(total(&both) <= 36);
    let bad = ztguard(&["check", EXAMPLE, "--stage", "deploy"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("possible values: build, registry, admission, runtime"));
}

#[test]
fn an_expired_waiver_fails_the_run_unless_nothing_may() {
    // Without the expired waiver's finding the report would pass at `critical`: only the
    // expiry fails it.
    let code = |extra: &[&str]| image_trust_example(extra).status.code();
    assert_eq!(
        code(&["--fail-on", "critical", "--stage", "runtime"]),
        Some(1)
    );
    assert_eq!(code(&["--fail-on", "none"]), Some(0));
}

fn admission(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let output = ztguard(&[&["check", "--format", "admission"], args].concat());
    let response = serde_json::from_str(&stdout(&output)).unwrap_or_default();
    (output.status.code(), response, stderr(&output))
}

#[test]
fn admission_reviews_are_answered_with_a_response() {
    let (code, review, _) = admission(&["testdata/admission/privileged-pod.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(review["apiVersion"], "admission.k8s.io/v1");
    assert_eq!(review["kind"], "AdmissionReview");
    let response = &review["response"];
    assert_eq!(response["uid"], "3c9f5a2e-8d41-4b7a-9e0c-6f2d1b8a7c55");
    assert_eq!(response["allowed"], false);
    assert_eq!(response["status"]["code"], 403);
    let message = response["status"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "denied by ztguard: [ZT-PRV-001] Pod shop/debug [shell]: container `shell` runs privileged;"
        ),
        "{message}"
    );
    let warnings = response["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("ZT-PRV-003 "))
    );
    assert!(
        warnings
            .iter()
            .all(|w| w.as_str().unwrap().chars().count() <= 256)
    );

    let hardened = "testdata/admission/hardened-pod.json";
    let (code, review, _) = admission(&[hardened]);
    assert_eq!(
        (code, &review["response"]["allowed"]),
        (Some(1), &false.into())
    );
    let waivers = "testdata/admission/waivers.yaml";
    let (code, review, summary) = admission(&[hardened, "--waivers", waivers]);
    assert_eq!(code, Some(0), "{summary}");
    let response = &review["response"];
    assert_eq!(response["allowed"], true);
    assert!(response.get("status").is_none(), "{response}");
    assert!(!response["warnings"].as_array().unwrap().is_empty());
    assert!(summary.starts_with("allowed: "), "{summary}");
}

#[test]
fn admission_needs_exactly_one_review() {
    let (code, _, error) = admission(&[EXAMPLE]);
    assert_eq!(code, Some(2));
    assert!(error.starts_with("error: "), "{error}");
    let (code, _, error) = admission(&[
        "testdata/admission/privileged-pod.json",
        "testdata/admission/hardened-pod.json",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(
        error,
        "error: --format admission answers one AdmissionReview, but 2 inputs were given\n"
    );
    let (code, _, error) = admission(&["testdata/examples/quickstart/manifests.yaml"]);
    assert_eq!(code, Some(2));
    assert!(
        error.contains("expected one AdmissionReview, found"),
        "{error}"
    );
}

#[test]
fn test_runs_user_policy_tests_and_fails_on_a_failing_one() {
    let passing = ztguard(&["test", "examples/acme-policies/policies"]);
    assert_eq!(passing.status.code(), Some(0), "{}", stdout(&passing));
    assert!(stdout(&passing).ends_with("4 tests: 4 passed, 0 failed\n"));

    let mixed = ztguard(&[
        "test",
        "examples/acme-policies/policies",
        "testdata/policies/mixed",
        "--coverage",
    ]);
    assert_eq!(mixed.status.code(), Some(1));
    let out = stdout(&mixed);
    let failure = "FAIL  test_own_project_is_flagged \
        (testdata/policies/mixed/team_registry_expectations_test.rego:25)\n      \
        expected `true`, got undefined (some expression in the test body was false)\n      \
        stopped at line 28: `testing.equal(count(found), 1)`\n      \
        print: policies/lib/testing.rego:10: expected 1, got 0\n\
        6 tests: 5 passed, 1 failed\ncoverage:\n  ";
    assert!(out.contains(failure), "{out}");
    assert!(
        out.contains("%  examples/acme-policies/policies/team_registry.rego ("),
        "{out}"
    );
    let coverage = out.split("coverage:\n").nth(1).unwrap();
    assert!(
        !coverage.contains("_test.rego"),
        "tests are not measured: {coverage}"
    );
}

#[test]
fn test_reports_as_json_and_refuses_an_empty_directory() {
    let output = ztguard(&[
        "test",
        "examples/acme-policies/policies",
        "testdata/policies/mixed",
        "--format",
        "json",
        "--coverage",
    ]);
    let run: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(run["summary"]["passed"], 5);
    assert_eq!(run["summary"]["failed"], 1);
    let failed: Vec<&serde_json::Value> = run["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["name"], "test_own_project_is_flagged");
    assert!(
        run["coverage"]["files"][0]["covered"]
            .as_array()
            .unwrap()
            .len()
            > 10
    );

    let empty = ztguard(&["test", "testdata/examples"]);
    assert_eq!(empty.status.code(), Some(2));
    assert_eq!(
        stderr(&empty),
        "error: no test_* rules in *_test.rego files below testdata/examples\n"
    );
}

#[test]
fn test_finds_a_directory_called_policies_and_one_line_tests() {
    let output = Command::new(env!("CARGO_BIN_EXE_ztguard"))
        .current_dir(repo().join("testdata/policies/named-policies"))
        .args(["test", "policies"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("ok    test_sum (policies/one_line_test.rego:4)"),
        "{out}"
    );
    assert!(
        out.contains("FAIL  test_wrong_sum (policies/one_line_test.rego:6)"),
        "{out}"
    );
    assert!(
        out.contains("stopped at line 6: `test_wrong_sum if 1 + 1 == 3`"),
        "{out}"
    );
    assert!(out.ends_with("2 tests: 1 passed, 1 failed\n"), "{out}");
}

#[test]
fn an_admission_request_with_a_broken_object_is_still_answered() {
    let (code, review, error) = admission(&["testdata/admission/malformed-object.json"]);
    assert_eq!(code, Some(2));
    let response = &review["response"];
    assert_eq!(response["uid"], "0d5b2c8e-71f4-4a36-b9e2-5c1a7f3d9e04");
    assert_eq!(response["allowed"], false);
    assert_eq!(response["status"]["code"], 400);
    let message = response["status"]["message"].as_str().unwrap();
    assert!(
        message.contains("at `/request/object/spec/containers`"),
        "{message}"
    );
    assert!(
        error.starts_with("error: testdata/admission/malformed-object.json:13"),
        "{error}"
    );
}
