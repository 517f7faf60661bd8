//! The typed facts model, version 1.
//!
//! These structs and `schema/facts-v1.schema.json` describe the same contract; a test holds
//! them in agreement on every facts file under `testdata/`. Fields that Kubernetes defaults
//! (privileged, host namespaces, ...) are always present after normalization, holding the
//! *effective* value, so policies never have to guess a default.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::iam::Iam;
use super::network::Network;
use super::rbac::Rbac;
use super::runtime::Runtime;
use crate::image::ImageRef;

/// The `apiVersion` of a facts document.
pub const FACTS_API_VERSION: &str = "ztguard.dev/v1";
/// The `kind` of a facts document.
pub const FACTS_KIND: &str = "Facts";

/// Where a fact was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file, as given by the caller.
    pub file: String,
    /// 1-based line of the object in `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// What is known about a deployment: the document that policies read as `input`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Always `ztguard.dev/v1`.
    #[serde(rename = "apiVersion", default = "api_version")]
    pub api_version: String,
    /// Always `Facts`.
    #[serde(default = "kind")]
    pub kind: String,
    /// The time these facts describe (RFC 3339): evidence ages and waiver expiries are judged
    /// against it. When absent, evaluation uses the current time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Images, with the evidence gathered about them.
    #[serde(default)]
    pub images: Vec<Image>,
    /// Workloads: pods and the controllers that template them.
    #[serde(default)]
    pub workloads: Vec<Workload>,
    /// Kubernetes RBAC objects and analysis.
    #[serde(default)]
    pub rbac: Rbac,
    /// Namespaces, network policies and services.
    #[serde(default)]
    pub network: Network,
    /// Cloud IAM roles that workloads assume.
    #[serde(default)]
    pub iam: Iam,
    /// Runtime behaviour.
    #[serde(default)]
    pub runtime: Runtime,
    /// Objects that were read but not understood, kept so nothing is silently dropped.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

fn api_version() -> String {
    FACTS_API_VERSION.to_owned()
}

fn kind() -> String {
    FACTS_KIND.to_owned()
}

impl Facts {
    /// An empty facts document.
    pub fn new() -> Self {
        Facts {
            api_version: api_version(),
            kind: kind(),
            ..Facts::default()
        }
    }

    /// Computes what is derived from the facts read: RBAC permissions and escalations, what
    /// the NetworkPolicies mean for each workload, and what the manifests declare about the
    /// workload of each runtime event. Evaluation always does this first; call it to look at
    /// the derived facts without evaluating.
    pub fn analyse(&mut self) {
        crate::rbac::analyse(&mut self.rbac);
        self.network.workloads = crate::network::summarize(self);
        if !self.runtime.events.is_empty() {
            let index = crate::runtime::WorkloadIndex::new(&self.workloads);
            for event in &mut self.runtime.events {
                index.declare(event);
            }
        }
    }

    /// Appends everything in `other` to this document. The first `time` given wins.
    pub fn extend(&mut self, other: Facts) {
        if self.time.is_none() {
            self.time = other.time;
        }
        self.images.extend(other.images);
        self.workloads.extend(other.workloads);
        self.rbac.roles.extend(other.rbac.roles);
        self.rbac.bindings.extend(other.rbac.bindings);
        self.rbac
            .service_accounts
            .extend(other.rbac.service_accounts);
        self.network.namespaces.extend(other.network.namespaces);
        self.network.policies.extend(other.network.policies);
        self.network.services.extend(other.network.services);
        self.network.ingresses.extend(other.network.ingresses);
        self.network
            .peer_authentications
            .extend(other.network.peer_authentications);
        self.network
            .authorization_policies
            .extend(other.network.authorization_policies);
        self.iam.roles.extend(other.iam.roles);
        self.iam.policies.extend(other.iam.policies);
        self.runtime.events.extend(other.runtime.events);
        self.skipped.extend(other.skipped);
    }
}

/// An image and the evidence about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// The parsed reference.
    pub reference: ImageRef,
    /// Evidence gathered about the image.
    #[serde(default)]
    pub evidence: Evidence,
    /// Where this image fact was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Evidence about an image. Each piece says when it was observed: trust is not permanent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Signatures verified over the image.
    #[serde(default)]
    pub signatures: Vec<Signature>,
    /// Vulnerability scans that ran, whether or not they found anything.
    #[serde(default)]
    pub scans: Vec<Scan>,
    /// Attestations such as SLSA provenance.
    #[serde(default)]
    pub attestations: Vec<Attestation>,
    /// Vulnerability findings from scanners.
    #[serde(default)]
    pub vulnerabilities: Vec<Vulnerability>,
}

/// How a piece of evidence was tied to an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchedBy {
    /// The evidence names the image's digest: it is about exactly what runs.
    Digest,
    /// The evidence names the image by registry, repository and tag only: weaker, since a tag
    /// can move.
    Reference,
}

/// A vulnerability scan of an image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scan {
    /// Scanner name, for example `trivy` or `grype`.
    pub scanner: String,
    /// When the scan ran (RFC 3339).
    pub observed_at: String,
    /// How many vulnerabilities it reported.
    #[serde(default)]
    pub vulnerabilities: usize,
    /// How this evidence was tied to the image; absent when it was given under the image.
    #[serde(default)]
    pub matched_by: Option<MatchedBy>,
    /// Where the evidence was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A verified signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The digest the signature covers.
    pub digest: String,
    /// The signing key's identifier, for key-based signatures.
    #[serde(default)]
    pub key: Option<String>,
    /// Certificate identity (subject), for keyless signatures.
    #[serde(default)]
    pub identity: Option<String>,
    /// OIDC issuer of the certificate, for keyless signatures.
    #[serde(default)]
    pub issuer: Option<String>,
    /// When the signature was verified (RFC 3339).
    pub observed_at: String,
    /// How this evidence was tied to the image; absent when it was given under the image.
    #[serde(default)]
    pub matched_by: Option<MatchedBy>,
    /// Where the evidence was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// An attestation about how an image was built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attestation {
    /// Predicate type, for example `https://slsa.dev/provenance/v1`.
    pub predicate_type: String,
    /// Builder identity.
    #[serde(default)]
    pub builder_id: Option<String>,
    /// Source repository the image was built from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_repository: Option<String>,
    /// Build type.
    #[serde(default)]
    pub build_type: Option<String>,
    /// When the attestation was verified (RFC 3339).
    pub observed_at: String,
    /// How this evidence was tied to the image; absent when it was given under the image.
    #[serde(default)]
    pub matched_by: Option<MatchedBy>,
    /// Where the evidence was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Severity of a vulnerability, as scanners report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VulnerabilitySeverity {
    /// Critical.
    Critical,
    /// High.
    High,
    /// Medium.
    Medium,
    /// Low.
    Low,
    /// Not rated.
    Unknown,
}

/// One vulnerability found in an image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vulnerability {
    /// Identifier such as a CVE id.
    pub id: String,
    /// Severity.
    pub severity: VulnerabilitySeverity,
    /// Affected package.
    pub package: String,
    /// Installed version.
    #[serde(default)]
    pub installed_version: Option<String>,
    /// First fixed version, when one exists.
    #[serde(default)]
    pub fixed_version: Option<String>,
    /// The scanner that reported it.
    #[serde(default)]
    pub scanner: Option<String>,
    /// Other ids of the same vulnerability (a GHSA id's CVE, say).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// When the scan ran (RFC 3339).
    pub observed_at: String,
    /// How this evidence was tied to the image; absent when it was given under the image.
    #[serde(default)]
    pub matched_by: Option<MatchedBy>,
    /// Where the evidence was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A workload: a Pod, or a controller that templates pods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Kubernetes kind, for example `Deployment`.
    pub kind: String,
    /// Namespace; `default` when the manifest names none.
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Labels of the pod template (or the pod).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Annotations of the pod template (or the pod).
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// Service account the pods run as.
    #[serde(default = "default_service_account")]
    pub service_account: String,
    /// Whether the service account token is mounted (`null` when the pod does not say, and the
    /// service account decides).
    #[serde(default)]
    pub automount_service_account_token: Option<bool>,
    /// Pod shares the node's network namespace.
    #[serde(default)]
    pub host_network: bool,
    /// Pod shares the node's process namespace.
    #[serde(default)]
    pub host_pid: bool,
    /// Pod shares the node's IPC namespace.
    #[serde(default)]
    pub host_ipc: bool,
    /// Volumes.
    #[serde(default)]
    pub volumes: Vec<Volume>,
    /// Sysctls the pod sets.
    #[serde(default)]
    pub sysctls: Vec<Sysctl>,
    /// Every container: regular, init and ephemeral.
    #[serde(default)]
    pub containers: Vec<Container>,
    /// The operation, when the workload was read from an admission review (`CREATE`,
    /// `UPDATE`); `null` otherwise.
    #[serde(default)]
    pub admission_operation: Option<String>,
    /// Where the workload was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

pub(super) fn default_namespace() -> String {
    "default".to_owned()
}

fn default_service_account() -> String {
    "default".to_owned()
}

/// A sysctl a pod sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sysctl {
    /// Name, for example `net.ipv4.ip_local_port_range`.
    pub name: String,
    /// Value.
    #[serde(default)]
    pub value: String,
}

/// Where a container mounts a volume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeMount {
    /// The volume's name.
    pub name: String,
    /// Mount path in the container.
    pub mount_path: String,
    /// Mounted read-only.
    #[serde(default)]
    pub read_only: bool,
}

/// A pod volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    /// Volume name.
    pub name: String,
    /// Volume source type as Kubernetes names it, for example `hostPath` or `emptyDir`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Host path, for `hostPath` volumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_path: Option<String>,
}

/// Which list of the pod spec a container comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerType {
    /// `spec.containers`.
    Container,
    /// `spec.initContainers`.
    Init,
    /// `spec.ephemeralContainers`.
    Ephemeral,
}

/// A container with its effective settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Container {
    /// Container name.
    pub name: String,
    /// Regular, init or ephemeral.
    #[serde(rename = "type", default = "default_container_type")]
    pub kind: ContainerType,
    /// The image reference, parsed.
    pub image: ImageRef,
    /// Declared ports.
    #[serde(default)]
    pub ports: Vec<Port>,
    /// Volume mounts.
    #[serde(default)]
    pub volume_mounts: Vec<VolumeMount>,
    /// Keeps stdin open for an attached terminal.
    #[serde(default)]
    pub stdin: bool,
    /// Allocates a terminal.
    #[serde(default)]
    pub tty: bool,
    /// Effective security settings: container over pod over Kubernetes defaults.
    #[serde(default)]
    pub security: SecuritySettings,
    /// Where the container was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn default_container_type() -> ContainerType {
    ContainerType::Container
}

/// A container port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Port {
    /// Port name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Container port.
    pub container_port: u16,
    /// Host port, when one is bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<u16>,
    /// Protocol, `TCP` by default.
    #[serde(default = "default_protocol")]
    pub protocol: String,
}

fn default_protocol() -> String {
    "TCP".to_owned()
}

/// Effective security settings of one container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    /// Runs privileged.
    #[serde(default)]
    pub privileged: bool,
    /// May gain more privileges than its parent process (Kubernetes default: true).
    #[serde(default = "default_true")]
    pub allow_privilege_escalation: bool,
    /// The kubelet refuses to start it as root.
    #[serde(default)]
    pub run_as_non_root: bool,
    /// User id; `null` means the image decides.
    #[serde(default)]
    pub run_as_user: Option<i64>,
    /// Group id; `null` means the image decides.
    #[serde(default)]
    pub run_as_group: Option<i64>,
    /// Root filesystem is read-only.
    #[serde(default)]
    pub read_only_root_filesystem: bool,
    /// Linux capabilities added and dropped.
    #[serde(default)]
    pub capabilities: Capabilities,
    /// Seccomp profile type (`RuntimeDefault`, `Localhost`, `Unconfined`); `null` when unset.
    #[serde(default)]
    pub seccomp_profile: Option<String>,
    /// AppArmor profile type; `null` when unset.
    #[serde(default)]
    pub apparmor_profile: Option<String>,
    /// SELinux type; `null` when unset.
    #[serde(default)]
    pub selinux_type: Option<String>,
    /// SELinux user; `null` when unset.
    #[serde(default)]
    pub selinux_user: Option<String>,
    /// SELinux role; `null` when unset.
    #[serde(default)]
    pub selinux_role: Option<String>,
    /// AppArmor profile name for `Localhost` profiles; `null` otherwise.
    #[serde(default)]
    pub apparmor_localhost_profile: Option<String>,
    /// Seccomp profile file for `Localhost` profiles; `null` otherwise.
    #[serde(default)]
    pub seccomp_localhost_profile: Option<String>,
    /// `/proc` mount type (`Default` or `Unmasked`).
    #[serde(default = "default_proc_mount")]
    pub proc_mount: String,
    /// Runs as a Windows host process.
    #[serde(default)]
    pub windows_host_process: bool,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        SecuritySettings {
            privileged: false,
            allow_privilege_escalation: true,
            run_as_non_root: false,
            run_as_user: None,
            run_as_group: None,
            read_only_root_filesystem: false,
            capabilities: Capabilities::default(),
            seccomp_profile: None,
            apparmor_profile: None,
            selinux_type: None,
            selinux_user: None,
            selinux_role: None,
            apparmor_localhost_profile: None,
            seccomp_localhost_profile: None,
            proc_mount: default_proc_mount(),
            windows_host_process: false,
        }
    }
}

fn default_true() -> bool {
    true
}

fn default_proc_mount() -> String {
    "Default".to_owned()
}

/// Linux capabilities.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capabilities {
    /// Added capabilities, as written (for example `NET_ADMIN`).
    #[serde(default)]
    pub add: Vec<String>,
    /// Dropped capabilities, as written (for example `ALL`).
    #[serde(default)]
    pub drop: Vec<String>,
}

/// An object that was read but not understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    /// `apiVersion` of the object.
    #[serde(default)]
    pub api_version: String,
    /// Kind of the object.
    #[serde(default)]
    pub kind: String,
    /// Name of the object, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Why it was skipped.
    pub reason: String,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}
