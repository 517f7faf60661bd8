//! Runtime facts: what running containers do, as sensors and the Kubernetes API report it.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{Source, default_namespace};

/// Runtime behaviour.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Runtime {
    /// Events observed by a sensor or recorded by the Kubernetes API server.
    #[serde(default)]
    pub events: Vec<RuntimeEvent>,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A process was started (`process` is set).
    ProcessExec,
    /// A file was opened, read or written (`process` and `file` are set).
    FileOpen,
    /// A network connection was made or accepted (`process` and `network` are set).
    NetworkConnect,
    /// Someone asked the Kubernetes API to exec into, attach to or port-forward a pod (`api`
    /// is set).
    ApiRequest,
}

impl EventType {
    /// Every event type.
    pub const ALL: [EventType; 4] = [
        EventType::ProcessExec,
        EventType::FileOpen,
        EventType::NetworkConnect,
        EventType::ApiRequest,
    ];

    /// The type's name as written in facts and rule metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ProcessExec => "process_exec",
            EventType::FileOpen => "file_open",
            EventType::NetworkConnect => "network_connect",
            EventType::ApiRequest => "api_request",
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for EventType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown event type `{s}`, expected process_exec, file_open, \
                     network_connect or api_request"
                )
            })
    }
}

/// The workload an event belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkloadRef {
    /// Kind, for example `Pod` or `Deployment`.
    #[serde(default = "default_pod_kind")]
    pub kind: String,
    /// Namespace.
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// Name.
    pub name: String,
}

fn default_pod_kind() -> String {
    "Pod".to_owned()
}

/// One runtime event, tied to the container, workload, namespace and image it happened in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeEvent {
    /// What happened; says which of `process`, `file`, `network` and `api` are set.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// When it happened (RFC 3339).
    pub time: String,
    /// The node it happened on, when known.
    #[serde(default)]
    pub node: Option<String>,
    /// The workload, as the sensor names it: the controller when it knows it, else the pod.
    pub workload: WorkloadRef,
    /// The pod's name, when known.
    #[serde(default)]
    pub pod: Option<String>,
    /// The container's name; `null` for API requests that name none (port-forward).
    #[serde(default)]
    pub container: Option<String>,
    /// The image the container runs, when known.
    #[serde(default)]
    pub image: Option<String>,
    /// The process that was started (`process_exec`) or that acted (`file_open`,
    /// `network_connect`).
    #[serde(default)]
    pub process: Option<Process>,
    /// The file, for `file_open`.
    #[serde(default)]
    pub file: Option<FileAccess>,
    /// The connection, for `network_connect`.
    #[serde(default)]
    pub network: Option<Connection>,
    /// The API request, for `api_request`.
    #[serde(default)]
    pub api: Option<ApiRequest>,
    /// What the workload's manifest declares, when the workload is among the facts; filled in
    /// by ztguard, never by sensors.
    #[serde(default)]
    pub declared: Option<Declared>,
    /// Where the event was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Process {
    /// Absolute path of the binary.
    pub binary: String,
    /// Arguments, without the binary.
    #[serde(default)]
    pub args: Vec<String>,
    /// Effective user id.
    pub uid: i64,
    /// Process id, as the sensor saw it.
    #[serde(default)]
    pub pid: Option<i64>,
    /// Working directory, when known.
    #[serde(default)]
    pub cwd: Option<String>,
    /// Binaries of the parent, grandparent and so on, nearest first.
    #[serde(default)]
    pub parents: Vec<String>,
    /// Whether the binary was part of the image: `false` for a binary written or changed after
    /// the container started; `null` when the sensor cannot tell.
    #[serde(default)]
    pub in_image: Option<bool>,
    /// Whether the process has a terminal attached.
    #[serde(default)]
    pub tty: bool,
}

/// Whether a file was opened to read or to change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileAccessKind {
    /// Opened to read only.
    Read,
    /// Opened to write, create, truncate or append.
    Write,
}

/// A file that was opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileAccess {
    /// Absolute path.
    pub path: String,
    /// Read or write.
    pub access: FileAccessKind,
    /// Open flags or permission mask as the sensor reported them (for example `O_WRONLY`,
    /// `O_CREAT`, `MAY_WRITE`).
    #[serde(default)]
    pub flags: Vec<String>,
}

/// Which way a connection goes, seen from the container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The container connected out.
    Outbound,
    /// Something connected to the container.
    Inbound,
}

/// One end of a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// IPv4 or IPv6 address.
    pub address: String,
    /// Port.
    pub port: u16,
}

/// A network connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// `tcp` or `udp`.
    pub protocol: String,
    /// Outbound or inbound.
    pub direction: Direction,
    /// The remote end for outbound connections, the container's end for inbound ones.
    pub destination: Endpoint,
    /// The other end, when known.
    #[serde(default)]
    pub source: Option<Endpoint>,
}

/// What was asked of a pod through the Kubernetes API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiAction {
    /// `pods/exec`: run a command in a container.
    Exec,
    /// `pods/attach`: attach to a container's running process.
    Attach,
    /// `pods/portforward`: forward local ports to the pod.
    Portforward,
}

/// A Kubernetes API request against a pod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiRequest {
    /// Exec, attach or port-forward.
    pub action: ApiAction,
    /// The user who asked.
    pub user: String,
    /// The user's groups.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The command, for exec.
    #[serde(default)]
    pub command: Vec<String>,
    /// Whether a terminal was asked for.
    #[serde(default)]
    pub tty: bool,
    /// Ports, for port-forward, when the request names them.
    #[serde(default)]
    pub ports: Vec<u16>,
    /// Client addresses the API server saw.
    #[serde(default)]
    pub source_ips: Vec<String>,
    /// The client's user agent.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// The audit id, to find the request in the API server's log.
    #[serde(default)]
    pub audit_id: Option<String>,
}

/// What the manifest of an event's workload declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declared {
    /// The workload as the manifests name it (for a pod of a Deployment, the Deployment).
    pub workload: WorkloadRef,
    /// Service account the pods run as.
    pub service_account: String,
    /// Labels of the pod template.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Annotations of the pod template.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// The image the manifest gives the event's container, when it names one.
    #[serde(default)]
    pub image: Option<String>,
    /// Where the workload was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}
