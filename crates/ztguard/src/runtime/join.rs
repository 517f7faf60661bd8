//! Ties runtime events to the workloads the manifests declare.
//!
//! Sensors name what they see: the controller when they know it (Tetragon reports a pod's
//! workload and its kind), else only the pod (the API server's audit log). A pod created by a
//! controller is named after it, with a suffix of a known shape, so a pod name leads back to
//! its Deployment, StatefulSet, DaemonSet, Job or CronJob when the manifests hold it.

use std::collections::HashMap;

use crate::facts::{Declared, RuntimeEvent, Workload, WorkloadRef};

/// The declared workloads, indexed by namespace for lookups by event.
#[derive(Debug, Clone, Default)]
pub struct WorkloadIndex {
    by_namespace: HashMap<String, Vec<Workload>>,
}

impl WorkloadIndex {
    /// Indexes `workloads`.
    pub fn new(workloads: &[Workload]) -> WorkloadIndex {
        let mut by_namespace: HashMap<String, Vec<Workload>> = HashMap::new();
        for workload in workloads {
            by_namespace
                .entry(workload.namespace.clone())
                .or_default()
                .push(workload.clone());
        }
        WorkloadIndex { by_namespace }
    }

    /// Whether no workload is indexed.
    pub fn is_empty(&self) -> bool {
        self.by_namespace.is_empty()
    }

    /// The workload an event happened in, when the manifests declare it.
    pub fn find(&self, event: &RuntimeEvent) -> Option<&Workload> {
        let candidates = self.by_namespace.get(&event.workload.namespace)?;
        let named =
            |kind: &str, name: &str| candidates.iter().find(|w| w.kind == kind && w.name == name);
        if let Some(found) = named(&event.workload.kind, &event.workload.name) {
            return Some(found);
        }
        let pod = event
            .pod
            .as_deref()
            .or_else(|| (event.workload.kind == "Pod").then_some(event.workload.name.as_str()))?;
        if let Some(found) = named("Pod", pod) {
            return Some(found);
        }
        // The longest controller name the pod's name is made from, so `web-api-…` is not
        // taken for a pod of `web`.
        candidates
            .iter()
            .filter(|w| made_by(pod, &w.kind, &w.name))
            .max_by_key(|w| w.name.len())
    }

    /// Fills in what the manifest of the event's workload declares, and the image its
    /// container runs when the sensor did not say.
    pub fn declare(&self, event: &mut RuntimeEvent) {
        let Some(workload) = self.find(event) else {
            return;
        };
        let image = event.container.as_deref().and_then(|name| {
            workload
                .containers
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.image.canonical())
        });
        if event.image.is_none() {
            event.image.clone_from(&image);
        }
        event.declared = Some(Declared {
            workload: WorkloadRef {
                kind: workload.kind.clone(),
                namespace: workload.namespace.clone(),
                name: workload.name.clone(),
            },
            service_account: workload.service_account.clone(),
            labels: workload.labels.clone(),
            annotations: workload.annotations.clone(),
            image,
            source: workload.source.clone(),
        });
    }
}

/// Whether a pod named `pod` has the name a `kind` controller named `name` gives its pods.
fn made_by(pod: &str, kind: &str, name: &str) -> bool {
    let Some(suffix) = pod
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('-'))
    else {
        return false;
    };
    let parts: Vec<&str> = suffix.split('-').collect();
    let random = |s: &str| s.len() == 5 && s.chars().all(|c| c.is_ascii_alphanumeric());
    let hash =
        |s: &str| (1..=10).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric());
    let ordinal = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    match (kind, parts.as_slice()) {
        ("Deployment", [template, pod]) => hash(template) && random(pod),
        ("StatefulSet", [n]) => ordinal(n),
        ("DaemonSet" | "ReplicaSet" | "ReplicationController" | "Job", [pod]) => random(pod),
        ("CronJob", [schedule, pod]) => ordinal(schedule) && random(pod),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{EventType, Facts};

    fn workloads() -> Vec<Workload> {
        let yaml = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: web}
      annotations: {ztguard.dev/expected-processes: "/usr/sbin/nginx"}
    spec:
      serviceAccountName: web
      containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web-api, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: api, image: "registry.example.com/api:2"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: postgres, image: "postgres:16"}]
"#;
        crate::facts_from_text("app.yaml", yaml)
            .map(|f: Facts| f.workloads)
            .unwrap_or_default()
    }

    fn event(kind: &str, name: &str, pod: Option<&str>, container: &str) -> RuntimeEvent {
        RuntimeEvent {
            kind: EventType::ProcessExec,
            time: "2026-12-01T10:00:00Z".to_owned(),
            node: None,
            workload: WorkloadRef {
                kind: kind.to_owned(),
                namespace: "shop".to_owned(),
                name: name.to_owned(),
            },
            pod: pod.map(str::to_owned),
            container: Some(container.to_owned()),
            image: None,
            process: None,
            file: None,
            network: None,
            api: None,
            declared: None,
            source: None,
        }
    }

    fn declared_name(e: &RuntimeEvent) -> Option<String> {
        let mut e = e.clone();
        WorkloadIndex::new(&workloads()).declare(&mut e);
        e.declared
            .map(|d| format!("{}/{}", d.workload.kind, d.workload.name))
    }

    #[test]
    fn controller_named_by_the_sensor() {
        let e = event("Deployment", "web", Some("web-6d8f7c9b5-x2k4p"), "app");
        assert_eq!(declared_name(&e).as_deref(), Some("Deployment/web"));
    }

    #[test]
    fn pod_names_lead_back_to_their_controller() {
        for (pod, expected) in [
            ("web-6d8f7c9b5-x2k4p", Some("Deployment/web")),
            ("web-api-5c4b8d7f9-qq7zt", Some("Deployment/web-api")),
            ("db-0", Some("StatefulSet/db")),
            ("db-primary", None),
            ("web", None),
            ("web-x2k4p", None),
        ] {
            let e = event("Pod", pod, Some(pod), "app");
            assert_eq!(declared_name(&e).as_deref(), expected, "pod {pod}");
        }
    }

    #[test]
    fn declared_settings_and_image_are_filled_in() {
        let mut e = event("Pod", "web-6d8f7c9b5-x2k4p", None, "app");
        WorkloadIndex::new(&workloads()).declare(&mut e);
        assert_eq!(e.image.as_deref(), Some("docker.io/library/nginx:1.27"));
        let declared = e.declared.unwrap_or_else(|| panic!("not declared"));
        assert_eq!(declared.service_account, "web");
        assert_eq!(declared.labels.get("app").map(String::as_str), Some("web"));
        assert_eq!(
            declared.image.as_deref(),
            Some("docker.io/library/nginx:1.27")
        );
        assert_eq!(
            declared.source.map(|s| (s.file, s.line)),
            Some(("app.yaml".to_owned(), Some(2)))
        );
    }

    #[test]
    fn an_image_the_sensor_reports_is_kept() {
        let mut e = event("Deployment", "web", None, "app");
        e.image = Some("nginx@sha256:abc".to_owned());
        WorkloadIndex::new(&workloads()).declare(&mut e);
        assert_eq!(e.image.as_deref(), Some("nginx@sha256:abc"));
    }

    #[test]
    fn other_namespaces_do_not_match() {
        let mut e = event("Deployment", "web", None, "app");
        e.workload.namespace = "other".to_owned();
        WorkloadIndex::new(&workloads()).declare(&mut e);
        assert_eq!(e.declared, None);
    }
}
