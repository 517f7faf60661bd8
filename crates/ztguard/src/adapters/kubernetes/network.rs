//! NetworkPolicies, Services, Ingresses and Istio's PeerAuthentication and
//! AuthorizationPolicy, read into network facts.

use serde_json::{Map, Value};

use super::Reader;
use crate::document::escape_pointer;
use crate::error::Result;
use crate::facts::{
    AuthorizationPolicy, Ingress, NetworkPolicy, PeerAuthentication, Service, without_nulls,
};

impl Reader<'_> {
    pub(super) fn service(&self, pointer: &str) -> Result<Service> {
        let spec = format!("{pointer}/spec");
        let kind = self
            .str(&format!("{spec}/type"))?
            .unwrap_or("ClusterIP")
            .to_owned();
        let mut node_ports = Vec::new();
        if kind == "NodePort" || kind == "LoadBalancer" {
            for i in 0..self.array(&format!("{spec}/ports"))? {
                node_ports.push(
                    self.port(&format!("{spec}/ports/{i}/nodePort"))?
                        .unwrap_or(0),
                );
            }
        }
        Ok(Service {
            namespace: self.namespace(pointer)?,
            name: self.name(pointer)?,
            kind,
            selector: self.string_map(&format!("{spec}/selector"))?,
            node_ports,
            external_ips: self.strings(&format!("{spec}/externalIPs"))?,
            source: Some(self.doc.source_of(pointer)),
        })
    }

    /// `spec.selector.matchLabels`, or `None` when the policy has no selector.
    pub(super) fn istio_selector(
        &self,
        pointer: &str,
    ) -> Result<Option<std::collections::BTreeMap<String, String>>> {
        let selector = format!("{pointer}/spec/selector");
        if self.at(&selector).is_none_or(Value::is_null) {
            return Ok(None);
        }
        Ok(Some(self.string_map(&format!("{selector}/matchLabels"))?))
    }

    pub(super) fn mtls_mode(&self, pointer: &str) -> Result<String> {
        let mode = self.str(pointer)?.unwrap_or("UNSET");
        if !["STRICT", "PERMISSIVE", "DISABLE", "UNSET"].contains(&mode) {
            return Err(self.error(
                pointer,
                format!(
                    "unknown mTLS mode `{mode}`, expected STRICT, PERMISSIVE, DISABLE or UNSET"
                ),
            ));
        }
        Ok(mode.to_owned())
    }

    pub(super) fn peer_authentication(&self, pointer: &str) -> Result<PeerAuthentication> {
        let mut port_modes = std::collections::BTreeMap::new();
        let ports = format!("{pointer}/spec/portLevelMtls");
        if let Some(Value::Object(map)) = self.at(&ports) {
            for key in map.keys() {
                let port = key
                    .parse::<u16>()
                    .map_err(|_| self.error(&ports, format!("`{key}` is not a port number")))?;
                port_modes.insert(
                    port,
                    self.mtls_mode(&format!("{ports}/{}/mode", escape_pointer(key)))?,
                );
            }
        }
        Ok(PeerAuthentication {
            namespace: self.namespace(pointer)?,
            name: self.name(pointer)?,
            selector: self.istio_selector(pointer)?,
            mode: self.mtls_mode(&format!("{pointer}/spec/mtls/mode"))?,
            port_modes,
            source: Some(self.doc.source_of(pointer)),
        })
    }

    pub(super) fn authorization_policy(&self, pointer: &str) -> Result<AuthorizationPolicy> {
        Ok(AuthorizationPolicy {
            namespace: self.namespace(pointer)?,
            name: self.name(pointer)?,
            selector: self.istio_selector(pointer)?,
            action: self
                .str(&format!("{pointer}/spec/action"))?
                .unwrap_or("ALLOW")
                .to_owned(),
            rules: self.array(&format!("{pointer}/spec/rules"))?,
            source: Some(self.doc.source_of(pointer)),
        })
    }

    pub(super) fn ingress(&self, pointer: &str) -> Result<Ingress> {
        let rules = format!("{pointer}/spec/rules");
        let mut hosts = Vec::new();
        for i in 0..self.array(&rules)? {
            let host = self
                .str(&format!("{rules}/{i}/host"))?
                .filter(|h| !h.is_empty());
            hosts.push(host.map(str::to_owned));
        }
        Ok(Ingress {
            namespace: self.namespace(pointer)?,
            name: self.name(pointer)?,
            hosts,
            default_backend: self
                .at(&format!("{pointer}/spec/defaultBackend"))
                .is_some_and(|v| !v.is_null()),
            source: Some(self.doc.source_of(pointer)),
        })
    }

    pub(super) fn network_policy(&self, pointer: &str) -> Result<NetworkPolicy> {
        let spec = format!("{pointer}/spec");
        let rules = |field: &str| -> Result<Vec<Value>> {
            let list = format!("{spec}/{field}");
            (0..self.array(&list)?)
                .map(|i| match self.at(&format!("{list}/{i}")) {
                    Some(Value::Object(m)) => Ok(without_nulls(Value::Object(m.clone()))),
                    Some(Value::Null) | None => Ok(Value::Object(Map::new())),
                    Some(other) => Err(self.error(
                        &format!("{list}/{i}"),
                        format!("expected a rule object, found `{other}`"),
                    )),
                })
                .collect()
        };
        let ingress = rules("ingress")?;
        let egress = rules("egress")?;
        let declared = self.strings(&format!("{spec}/policyTypes"))?;
        // Kubernetes' defaulting: Ingress always, Egress when egress rules are present.
        let policy_types = if declared.is_empty() {
            let mut types = vec!["Ingress".to_owned()];
            if !egress.is_empty() {
                types.push("Egress".to_owned());
            }
            types
        } else {
            for (i, t) in declared.iter().enumerate() {
                if t != "Ingress" && t != "Egress" {
                    return Err(self.error(
                        &format!("{spec}/policyTypes/{i}"),
                        format!("unknown policy type `{t}`, expected `Ingress` or `Egress`"),
                    ));
                }
            }
            declared
        };
        Ok(NetworkPolicy {
            namespace: self.namespace(pointer)?,
            name: self.name(pointer)?,
            pod_selector: self.selector(&format!("{spec}/podSelector"))?,
            policy_types,
            ingress,
            egress,
            source: Some(self.doc.source_of(pointer)),
        })
    }
}
