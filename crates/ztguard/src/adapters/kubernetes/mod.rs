//! Kubernetes objects to facts: Pods and every workload kind that embeds a pod template,
//! Namespaces, ServiceAccounts and RBAC objects here; NetworkPolicies, Services, Ingresses and
//! Istio policies in `network.rs`. Lists and AdmissionReviews are unwrapped. Other kinds are
//! recorded as skipped.
//!
//! Each container gets its *effective* security settings: the container's `securityContext`
//! over the pod's over Kubernetes' defaults.

mod network;

use serde_json::{Map, Value};

use super::fields::Fields;
use crate::document::{Document, escape_pointer};
use crate::error::Result;
use crate::facts::{
    Binding, Capabilities, Container, ContainerType, Facts, Namespace, ObjectRef, PolicyRule, Port,
    Role, SecuritySettings, ServiceAccount, Skipped, Subject, Sysctl, Volume, VolumeMount,
    Workload,
};
use crate::image::ImageRef;

/// Annotations that link a service account to a cloud identity: AWS, Google Cloud, Azure.
const WORKLOAD_IDENTITY_ANNOTATIONS: &[&str] = &[
    "eks.amazonaws.com/role-arn",
    "iam.gke.io/gcp-service-account",
    "azure.workload.identity/client-id",
];

/// Where, in each workload kind, the pod template lives.
const POD_TEMPLATE_PATHS: &[(&str, &str)] = &[
    ("Pod", ""),
    ("Deployment", "/spec/template"),
    ("StatefulSet", "/spec/template"),
    ("DaemonSet", "/spec/template"),
    ("ReplicaSet", "/spec/template"),
    ("ReplicationController", "/spec/template"),
    ("Job", "/spec/template"),
    ("CronJob", "/spec/jobTemplate/spec/template"),
];

/// Reads one Kubernetes object (or a `List` of them) from a document into `facts`.
///
/// # Errors
///
/// [`crate::Error::Input`] with file, line and JSON pointer when the object is malformed: no `kind`,
/// no name, a field of the wrong type, an unparseable image reference.
pub fn read_object(doc: &Document, facts: &mut Facts) -> Result<()> {
    Reader {
        fields: Fields { doc },
        namespace: None,
        operation: None,
    }
    .object("", facts)
}

/// Profiles set by the deprecated annotations: type, and profile name for `Localhost`.
struct Legacy {
    apparmor: Option<(String, Option<String>)>,
    seccomp: Option<(String, Option<String>)>,
    pod_seccomp: Option<(String, Option<String>)>,
}

struct Reader<'a> {
    fields: Fields<'a>,
    /// The namespace of objects that name none: an AdmissionReview's `request.namespace`.
    namespace: Option<&'a str>,
    /// The AdmissionReview's operation, for objects read from one.
    operation: Option<&'a str>,
}

impl<'a> std::ops::Deref for Reader<'a> {
    type Target = Fields<'a>;

    fn deref(&self) -> &Fields<'a> {
        &self.fields
    }
}

impl Reader<'_> {
    fn object(&self, pointer: &str, facts: &mut Facts) -> Result<()> {
        let kind = self
            .str(&format!("{pointer}/kind"))?
            .ok_or_else(|| self.error(pointer, "the object has no `kind`".to_owned()))?;
        let api_version = self
            .str(&format!("{pointer}/apiVersion"))?
            .unwrap_or_default();

        if kind == "List"
            || (kind.ends_with("List") && self.at(&format!("{pointer}/items")).is_some())
        {
            for i in 0..self.array(&format!("{pointer}/items"))? {
                self.object(&format!("{pointer}/items/{i}"), facts)?;
            }
            return Ok(());
        }
        if kind == "AdmissionReview" {
            return self.admission_review(pointer, facts);
        }
        if let Some((_, template)) = POD_TEMPLATE_PATHS.iter().find(|(k, _)| *k == kind) {
            let workload = self.workload(pointer, kind, &format!("{pointer}{template}"))?;
            facts.workloads.push(workload);
            return Ok(());
        }
        match kind {
            "Namespace" => {
                let namespace = Namespace {
                    name: self.name(pointer)?,
                    labels: self.string_map(&format!("{pointer}/metadata/labels"))?,
                    source: Some(self.doc.source_of(pointer)),
                };
                facts.network.namespaces.push(namespace);
            }
            "NetworkPolicy" => facts.network.policies.push(self.network_policy(pointer)?),
            "Service" => facts.network.services.push(self.service(pointer)?),
            "Ingress" => facts.network.ingresses.push(self.ingress(pointer)?),
            "PeerAuthentication" if api_version.starts_with("security.istio.io/") => {
                facts
                    .network
                    .peer_authentications
                    .push(self.peer_authentication(pointer)?);
            }
            "AuthorizationPolicy" if api_version.starts_with("security.istio.io/") => {
                facts
                    .network
                    .authorization_policies
                    .push(self.authorization_policy(pointer)?);
            }
            "Role" | "ClusterRole" => facts.rbac.roles.push(self.role(pointer, kind)?),
            "RoleBinding" | "ClusterRoleBinding" => {
                facts.rbac.bindings.push(self.binding(pointer, kind)?);
            }
            "ServiceAccount" => facts.rbac.service_accounts.push(ServiceAccount {
                namespace: self.namespace(pointer)?,
                name: self.name(pointer)?,
                automount_service_account_token: self
                    .bool(&format!("{pointer}/automountServiceAccountToken"))?,
                cloud_identity: self.cloud_identity(pointer)?,
                source: Some(self.doc.source_of(pointer)),
            }),
            _ => facts.skipped.push(Skipped {
                api_version: api_version.to_owned(),
                kind: kind.to_owned(),
                name: self
                    .str(&format!("{pointer}/metadata/name"))?
                    .map(str::to_owned),
                reason: format!("kind `{kind}` is not read by this version of ztguard"),
                source: Some(self.doc.source_of(pointer)),
            }),
        }
        Ok(())
    }

    /// Judges the object under review. DELETE and CONNECT requests carry no object; they are
    /// recorded as skipped.
    fn admission_review(&self, pointer: &str, facts: &mut Facts) -> Result<()> {
        let request = format!("{pointer}/request");
        let object = format!("{request}/object");
        if self.at(&object).is_none_or(Value::is_null) {
            let operation = self.str(&format!("{request}/operation"))?.unwrap_or("");
            if operation == "DELETE" || operation == "CONNECT" {
                facts.skipped.push(Skipped {
                    api_version: self
                        .str(&format!("{pointer}/apiVersion"))?
                        .unwrap_or("")
                        .to_owned(),
                    kind: "AdmissionReview".to_owned(),
                    name: self.str(&format!("{request}/name"))?.map(str::to_owned),
                    reason: format!("a {operation} request has no object to judge"),
                    source: Some(self.doc.source_of(pointer)),
                });
                return Ok(());
            }
            return Err(self.error(
                pointer,
                "the AdmissionReview has no `request.object`".to_owned(),
            ));
        }
        // A subresource update (`pods/ephemeralcontainers`) changes the pod: it is named so
        // rules can tell it from a plain update.
        let operation = match (
            self.str(&format!("{request}/operation"))?,
            self.str(&format!("{request}/subResource"))?,
        ) {
            (Some(op), Some(sub)) if !sub.is_empty() => Some(format!("{op}/{sub}")),
            (op, _) => op.map(str::to_owned),
        };
        let reader = Reader {
            fields: Fields { doc: self.doc },
            namespace: self.str(&format!("{request}/namespace"))?,
            operation: operation.as_deref(),
        };
        reader.object(&object, facts)
    }

    /// A label selector; absent or `null` parts are left out, anything malformed is an error.
    fn selector(&self, pointer: &str) -> Result<Value> {
        let mut selector = Map::new();
        match self.at(pointer) {
            None | Some(Value::Null) => {}
            Some(Value::Object(_)) => {
                let labels = self.string_map(&format!("{pointer}/matchLabels"))?;
                if !labels.is_empty() {
                    let labels = labels
                        .into_iter()
                        .map(|(k, v)| (k, Value::String(v)))
                        .collect();
                    selector.insert("matchLabels".to_owned(), Value::Object(labels));
                }
                let expressions = format!("{pointer}/matchExpressions");
                if self.array(&expressions)? > 0 {
                    let value = self.at(&expressions).cloned().unwrap_or_default();
                    selector.insert("matchExpressions".to_owned(), value);
                }
            }
            Some(other) => {
                return Err(self.error(
                    pointer,
                    format!("expected a label selector, found `{other}`"),
                ));
            }
        }
        Ok(Value::Object(selector))
    }

    /// The cloud identity a service account is linked to by one of the providers' annotations.
    fn cloud_identity(&self, pointer: &str) -> Result<Option<String>> {
        let annotations = self.string_map(&format!("{pointer}/metadata/annotations"))?;
        Ok(WORKLOAD_IDENTITY_ANNOTATIONS
            .iter()
            .find_map(|key| annotations.get(*key).cloned()))
    }

    fn role(&self, pointer: &str, kind: &str) -> Result<Role> {
        let list = format!("{pointer}/rules");
        let mut rules = Vec::new();
        for i in 0..self.array(&list)? {
            let rule = format!("{list}/{i}");
            rules.push(PolicyRule {
                api_groups: self.strings(&format!("{rule}/apiGroups"))?,
                resources: self.strings(&format!("{rule}/resources"))?,
                verbs: self.strings(&format!("{rule}/verbs"))?,
                resource_names: self.strings(&format!("{rule}/resourceNames"))?,
                non_resource_urls: self.strings(&format!("{rule}/nonResourceURLs"))?,
            });
        }
        let selectors = format!("{pointer}/aggregationRule/clusterRoleSelectors");
        let aggregation_selectors = (0..self.array(&selectors)?)
            .map(|i| self.selector(&format!("{selectors}/{i}")))
            .collect::<Result<_>>()?;
        Ok(Role {
            kind: kind.to_owned(),
            namespace: if kind == "Role" {
                Some(self.namespace(pointer)?)
            } else {
                None
            },
            name: self.name(pointer)?,
            labels: self.string_map(&format!("{pointer}/metadata/labels"))?,
            rules,
            aggregation_selectors,
            source: Some(self.doc.source_of(pointer)),
        })
    }

    fn binding(&self, pointer: &str, kind: &str) -> Result<Binding> {
        let role_ref = format!("{pointer}/roleRef");
        let role_kind = self
            .str(&format!("{role_ref}/kind"))?
            .ok_or_else(|| self.error(pointer, "the binding has no `roleRef.kind`".to_owned()))?;
        let role_name = self
            .str(&format!("{role_ref}/name"))?
            .ok_or_else(|| self.error(pointer, "the binding has no `roleRef.name`".to_owned()))?;
        let list = format!("{pointer}/subjects");
        let mut subjects = Vec::new();
        for i in 0..self.array(&list)? {
            let subject = format!("{list}/{i}");
            let required = |field: &str| -> Result<String> {
                self.str(&format!("{subject}/{field}"))?
                    .map(str::to_owned)
                    .ok_or_else(|| self.error(&subject, format!("the subject has no `{field}`")))
            };
            subjects.push(Subject {
                kind: required("kind")?,
                name: required("name")?,
                namespace: self
                    .str(&format!("{subject}/namespace"))?
                    .map(str::to_owned),
            });
        }
        Ok(Binding {
            kind: kind.to_owned(),
            namespace: if kind == "RoleBinding" {
                Some(self.namespace(pointer)?)
            } else {
                None
            },
            name: self.name(pointer)?,
            role_ref: ObjectRef {
                kind: role_kind.to_owned(),
                namespace: None,
                name: role_name.to_owned(),
            },
            subjects,
            source: Some(self.doc.source_of(pointer)),
        })
    }

    fn name(&self, pointer: &str) -> Result<String> {
        let name = format!("{pointer}/metadata/name");
        match self.str(&name)? {
            Some(n) if !n.is_empty() => Ok(n.to_owned()),
            _ => match self.str(&format!("{pointer}/metadata/generateName"))? {
                Some(prefix) if !prefix.is_empty() => Ok(prefix.to_owned()),
                _ => Err(self.error(pointer, "the object has no `metadata.name`".to_owned())),
            },
        }
    }

    fn namespace(&self, pointer: &str) -> Result<String> {
        Ok(self
            .str(&format!("{pointer}/metadata/namespace"))?
            .filter(|n| !n.is_empty())
            .or(self.namespace.filter(|n| !n.is_empty()))
            .unwrap_or("default")
            .to_owned())
    }

    fn workload(&self, pointer: &str, kind: &str, template: &str) -> Result<Workload> {
        if self.at(template).is_none_or(Value::is_null) {
            return Err(self.error(pointer, format!("the {kind} has no pod template")));
        }
        let spec = format!("{template}/spec");
        let service_account = match self.str(&format!("{spec}/serviceAccountName"))? {
            Some(sa) if !sa.is_empty() => sa,
            _ => self
                .str(&format!("{spec}/serviceAccount"))?
                .unwrap_or("default"),
        };
        let annotations = self.string_map(&format!("{template}/metadata/annotations"))?;

        let mut containers = Vec::new();
        for (list, kind) in [
            ("initContainers", ContainerType::Init),
            ("containers", ContainerType::Container),
            ("ephemeralContainers", ContainerType::Ephemeral),
        ] {
            for i in 0..self.array(&format!("{spec}/{list}"))? {
                let container = format!("{spec}/{list}/{i}");
                containers.push(self.container(&spec, &container, kind, &annotations)?);
            }
        }

        Ok(Workload {
            kind: kind.to_owned(),
            namespace: self.namespace(pointer)?,
            name: self.name(pointer)?,
            labels: self.string_map(&format!("{template}/metadata/labels"))?,
            annotations,
            service_account: service_account.to_owned(),
            automount_service_account_token: self
                .bool(&format!("{spec}/automountServiceAccountToken"))?,
            host_network: self.bool(&format!("{spec}/hostNetwork"))?.unwrap_or(false),
            host_pid: self.bool(&format!("{spec}/hostPID"))?.unwrap_or(false),
            host_ipc: self.bool(&format!("{spec}/hostIPC"))?.unwrap_or(false),
            volumes: self.volumes(&spec)?,
            sysctls: self.sysctls(&spec)?,
            containers,
            admission_operation: self.operation.map(str::to_owned),
            source: Some(self.doc.source_of(pointer)),
        })
    }

    fn sysctls(&self, spec: &str) -> Result<Vec<Sysctl>> {
        let list = format!("{spec}/securityContext/sysctls");
        (0..self.array(&list)?)
            .map(|i| {
                let item = format!("{list}/{i}");
                let name = self
                    .str(&format!("{item}/name"))?
                    .ok_or_else(|| self.error(&item, "the sysctl has no `name`".to_owned()))?;
                let value = self.str(&format!("{item}/value"))?.unwrap_or_default();
                Ok(Sysctl {
                    name: name.to_owned(),
                    value: value.to_owned(),
                })
            })
            .collect()
    }

    fn volume_mounts(&self, container: &str) -> Result<Vec<VolumeMount>> {
        let list = format!("{container}/volumeMounts");
        (0..self.array(&list)?)
            .map(|i| {
                let item = format!("{list}/{i}");
                let required = |field: &str| -> Result<String> {
                    self.str(&format!("{item}/{field}"))?
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            self.error(&item, format!("the volume mount has no `{field}`"))
                        })
                };
                Ok(VolumeMount {
                    name: required("name")?,
                    mount_path: required("mountPath")?,
                    read_only: self.bool(&format!("{item}/readOnly"))?.unwrap_or(false),
                })
            })
            .collect()
    }

    fn volumes(&self, spec: &str) -> Result<Vec<Volume>> {
        let mut volumes = Vec::new();
        for i in 0..self.array(&format!("{spec}/volumes"))? {
            let volume = format!("{spec}/volumes/{i}");
            let name = self
                .str(&format!("{volume}/name"))?
                .ok_or_else(|| self.error(&volume, "the volume has no `name`".to_owned()))?;
            let kind = self
                .at(&volume)
                .and_then(Value::as_object)
                .and_then(|m| m.keys().find(|k| *k != "name"))
                .cloned()
                .unwrap_or_else(|| "emptyDir".to_owned());
            volumes.push(Volume {
                name: name.to_owned(),
                host_path: self
                    .str(&format!("{volume}/hostPath/path"))?
                    .map(str::to_owned),
                kind,
            });
        }
        Ok(volumes)
    }

    fn container(
        &self,
        spec: &str,
        pointer: &str,
        kind: ContainerType,
        annotations: &std::collections::BTreeMap<String, String>,
    ) -> Result<Container> {
        let name = self
            .str(&format!("{pointer}/name"))?
            .ok_or_else(|| self.error(pointer, "the container has no `name`".to_owned()))?;
        let image_pointer = format!("{pointer}/image");
        let image = self
            .str(&image_pointer)?
            .ok_or_else(|| self.error(pointer, format!("container `{name}` has no `image`")))?;
        let image =
            ImageRef::parse(image).map_err(|e| self.error(&image_pointer, e.to_string()))?;

        let mut ports = Vec::new();
        for i in 0..self.array(&format!("{pointer}/ports"))? {
            let port = format!("{pointer}/ports/{i}");
            let container_port = self
                .port(&format!("{port}/containerPort"))?
                .ok_or_else(|| self.error(&port, "the port has no `containerPort`".to_owned()))?;
            ports.push(Port {
                name: self.str(&format!("{port}/name"))?.map(str::to_owned),
                container_port,
                host_port: self.port(&format!("{port}/hostPort"))?.filter(|p| *p != 0),
                protocol: self
                    .str(&format!("{port}/protocol"))?
                    .unwrap_or("TCP")
                    .to_owned(),
            });
        }

        let legacy = Legacy {
            apparmor: self.legacy_profile(
                spec,
                annotations,
                &[&format!(
                    "container.apparmor.security.beta.kubernetes.io/{name}"
                )],
                &["runtime/default"],
            )?,
            seccomp: self.legacy_profile(
                spec,
                annotations,
                &[&format!(
                    "container.seccomp.security.alpha.kubernetes.io/{name}"
                )],
                &["runtime/default", "docker/default"],
            )?,
            pod_seccomp: self.legacy_profile(
                spec,
                annotations,
                &["seccomp.security.alpha.kubernetes.io/pod"],
                &["runtime/default", "docker/default"],
            )?,
        };

        Ok(Container {
            name: name.to_owned(),
            kind,
            image,
            ports,
            volume_mounts: self.volume_mounts(pointer)?,
            stdin: self.bool(&format!("{pointer}/stdin"))?.unwrap_or(false),
            tty: self.bool(&format!("{pointer}/tty"))?.unwrap_or(false),
            security: self.security(spec, pointer, legacy)?,
            source: Some(self.doc.source_of(pointer)),
        })
    }

    /// A profile from the deprecated annotations (the first of `keys` present), as a profile
    /// type and, for `Localhost`, the profile's name.
    fn legacy_profile(
        &self,
        spec: &str,
        annotations: &std::collections::BTreeMap<String, String>,
        keys: &[&str],
        runtime_default: &[&str],
    ) -> Result<Option<(String, Option<String>)>> {
        let Some((key, value)) = keys
            .iter()
            .find_map(|k| annotations.get(*k).map(|v| (*k, v)))
        else {
            return Ok(None);
        };
        Ok(Some(match value.as_str() {
            v if runtime_default.contains(&v) => ("RuntimeDefault".to_owned(), None),
            "unconfined" => ("Unconfined".to_owned(), None),
            v if v.starts_with("localhost/") => (
                "Localhost".to_owned(),
                v.strip_prefix("localhost/").map(str::to_owned),
            ),
            v => {
                let template = spec.strip_suffix("/spec").unwrap_or(spec);
                let pointer = format!("{template}/metadata/annotations/{}", escape_pointer(key));
                return Err(self.error(
                    &pointer,
                    format!(
                        "unknown profile `{v}`: expected `{}`, `unconfined` or `localhost/<profile>`",
                        runtime_default.join("`, `")
                    ),
                ));
            }
        }))
    }

    /// Container settings over pod settings over Kubernetes defaults (and over the deprecated
    /// annotations, which count only where no field is set).
    fn security(&self, spec: &str, container: &str, legacy: Legacy) -> Result<SecuritySettings> {
        let pod = format!("{spec}/securityContext");
        let ctr = format!("{container}/securityContext");

        // A profile field on the container wins over the pod's, which wins over annotations.
        // Kubernetes copies a container's annotation into its field, so the order is: container
        // field, container annotation, pod field, pod annotation.
        type Profile = Option<(String, Option<String>)>;
        let profile = |field: &str,
                       container: Profile,
                       pod_annotation: Profile|
         -> Result<(Option<String>, Option<String>)> {
            let field_at = |level: &str| -> Result<Profile> {
                Ok(match self.str(&format!("{level}/{field}/type"))? {
                    Some(kind) => Some((
                        kind.to_owned(),
                        self.str(&format!("{level}/{field}/localhostProfile"))?
                            .map(str::to_owned),
                    )),
                    None => None,
                })
            };
            let found = field_at(&ctr)?
                .or(container)
                .or(field_at(&pod)?)
                .or(pod_annotation);
            Ok(found.map_or((None, None), |(kind, name)| (Some(kind), name)))
        };
        let seccomp = profile("seccompProfile", legacy.seccomp, legacy.pod_seccomp)?;
        let apparmor = profile("appArmorProfile", legacy.apparmor, None)?;
        // SELinux options are taken whole from the container when it sets any, else the pod.
        let selinux = if self
            .at(&format!("{ctr}/seLinuxOptions"))
            .is_some_and(|v| !v.is_null())
        {
            format!("{ctr}/seLinuxOptions")
        } else {
            format!("{pod}/seLinuxOptions")
        };

        let privileged = self.bool(&format!("{ctr}/privileged"))?.unwrap_or(false);
        let capabilities = Capabilities {
            add: self.strings(&format!("{ctr}/capabilities/add"))?,
            drop: self.strings(&format!("{ctr}/capabilities/drop"))?,
        };
        let has_sys_admin = capabilities.add.iter().any(|c| {
            let c = c.to_ascii_uppercase();
            c.strip_prefix("CAP_").unwrap_or(&c) == "SYS_ADMIN"
        });
        // Privileged containers and CAP_SYS_ADMIN can always escalate, whatever is written.
        let allow_privilege_escalation = privileged
            || has_sys_admin
            || self
                .bool(&format!("{ctr}/allowPrivilegeEscalation"))?
                .unwrap_or(true);

        Ok(SecuritySettings {
            privileged,
            allow_privilege_escalation,
            run_as_non_root: match self.bool(&format!("{ctr}/runAsNonRoot"))? {
                Some(v) => v,
                None => self.bool(&format!("{pod}/runAsNonRoot"))?.unwrap_or(false),
            },
            run_as_user: match self.int(&format!("{ctr}/runAsUser"))? {
                Some(v) => Some(v),
                None => self.int(&format!("{pod}/runAsUser"))?,
            },
            run_as_group: match self.int(&format!("{ctr}/runAsGroup"))? {
                Some(v) => Some(v),
                None => self.int(&format!("{pod}/runAsGroup"))?,
            },
            read_only_root_filesystem: self
                .bool(&format!("{ctr}/readOnlyRootFilesystem"))?
                .unwrap_or(false),
            capabilities,
            seccomp_profile: seccomp.0,
            seccomp_localhost_profile: seccomp.1,
            apparmor_profile: apparmor.0,
            apparmor_localhost_profile: apparmor.1,
            selinux_type: self.str(&format!("{selinux}/type"))?.map(str::to_owned),
            selinux_user: self.str(&format!("{selinux}/user"))?.map(str::to_owned),
            selinux_role: self.str(&format!("{selinux}/role"))?.map(str::to_owned),
            proc_mount: self
                .str(&format!("{ctr}/procMount"))?
                .unwrap_or("Default")
                .to_owned(),
            windows_host_process: match self.bool(&format!("{ctr}/windowsOptions/hostProcess"))? {
                Some(v) => v,
                None => self
                    .bool(&format!("{pod}/windowsOptions/hostProcess"))?
                    .unwrap_or(false),
            },
        })
    }
}
