//! Port sets of NetworkPolicy rules: protocols, numbers, ranges (`endPort`) and named ports.

use serde_json::Value;

use crate::facts::Workload;

/// A transport protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// TCP, the default.
    Tcp,
    /// UDP.
    Udp,
    /// SCTP.
    Sctp,
}

impl Protocol {
    const ALL: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp];

    fn parse(text: &str) -> Option<Protocol> {
        match text {
            "TCP" => Some(Protocol::Tcp),
            "UDP" => Some(Protocol::Udp),
            "SCTP" => Some(Protocol::Sctp),
            _ => None,
        }
    }
}

/// Ports `first..=last` of one protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    /// Protocol.
    pub protocol: Protocol,
    /// First port.
    pub first: u16,
    /// Last port, included.
    pub last: u16,
}

/// Every port of every protocol.
pub(super) fn all() -> Vec<PortRange> {
    Protocol::ALL
        .iter()
        .map(|&protocol| PortRange {
            protocol,
            first: 1,
            last: u16::MAX,
        })
        .collect()
}

/// The ports a rule's `ports` list opens towards `destination` (whose container ports give
/// named ports their numbers). An empty list opens every port.
pub(super) fn resolve(specs: &[Value], destination: &Workload) -> Vec<PortRange> {
    if specs.is_empty() {
        return all();
    }
    let mut out = Vec::new();
    for spec in specs {
        let protocol = match spec.get("protocol").and_then(Value::as_str) {
            None => Protocol::Tcp,
            Some(p) => match Protocol::parse(p) {
                Some(p) => p,
                None => continue,
            },
        };
        match spec.get("port") {
            None | Some(Value::Null) => out.push(PortRange {
                protocol,
                first: 1,
                last: u16::MAX,
            }),
            Some(Value::Number(n)) => {
                let Some(first) = n.as_u64().and_then(|p| u16::try_from(p).ok()) else {
                    continue;
                };
                let last = spec
                    .get("endPort")
                    .and_then(Value::as_u64)
                    .and_then(|p| u16::try_from(p).ok())
                    .filter(|end| *end >= first)
                    .unwrap_or(first);
                out.push(PortRange {
                    protocol,
                    first,
                    last,
                });
            }
            Some(Value::String(name)) => {
                for port in destination.containers.iter().flat_map(|c| &c.ports) {
                    let same_protocol = Protocol::parse(&port.protocol) == Some(protocol);
                    if port.name.as_deref() == Some(name.as_str()) && same_protocol {
                        out.push(PortRange {
                            protocol,
                            first: port.container_port,
                            last: port.container_port,
                        });
                    }
                }
            }
            Some(_) => {}
        }
    }
    normalize(out)
}

/// Sorted, with overlapping and adjacent ranges merged.
pub(super) fn normalize(mut ranges: Vec<PortRange>) -> Vec<PortRange> {
    ranges.sort();
    let mut out: Vec<PortRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last)
                if last.protocol == r.protocol
                    && u32::from(r.first) <= u32::from(last.last) + 1 =>
            {
                last.last = last.last.max(r.last);
            }
            _ => out.push(r),
        }
    }
    out
}

/// The ports in both sets.
pub(super) fn intersect(a: &[PortRange], b: &[PortRange]) -> Vec<PortRange> {
    let mut out = Vec::new();
    for x in a {
        for y in b.iter().filter(|y| y.protocol == x.protocol) {
            let (first, last) = (x.first.max(y.first), x.last.min(y.last));
            if first <= last {
                out.push(PortRange {
                    protocol: x.protocol,
                    first,
                    last,
                });
            }
        }
    }
    normalize(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcp(first: u16, last: u16) -> PortRange {
        PortRange {
            protocol: Protocol::Tcp,
            first,
            last,
        }
    }

    #[test]
    fn ranges_merge_and_intersect() {
        assert_eq!(
            normalize(vec![tcp(80, 80), tcp(81, 90), tcp(443, 443)]),
            [tcp(80, 90), tcp(443, 443)]
        );
        assert_eq!(intersect(&[tcp(80, 90)], &[tcp(85, 443)]), [tcp(85, 90)]);
        assert!(intersect(&[tcp(80, 80)], &[tcp(443, 443)]).is_empty());
    }
}
