package ztguard.rules.runtime.api_or_metadata_tool

import data.ztguard.lib.fixtures

started(binary, args) := fixtures.runtime([fixtures.exec({"binary": binary, "args": args})])

test_kubectl_is_flagged_whatever_it_does if {
	some f in findings with input as started("/tmp/kubectl", ["get", "secrets", "-A"])
	f.message == "Kubernetes client `/tmp/kubectl get secrets -A` ran in container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/process"
}

test_fetchers_naming_the_metadata_service_or_the_api_are_flagged if {
	some f in findings with input as started("/usr/bin/curl", ["-s", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"])
	f.message == "`/usr/bin/curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/` ran in container `app` of Pod `shop/web` and names `169.254.169.254`"
	count(findings) == 1 with input as started("/usr/bin/wget", ["-qO-", "--header=Metadata-Flavor: Google", "http://metadata.google.internal/computeMetadata/v1/"])
	count(findings) == 1 with input as started("/usr/bin/curl", ["-k", "https://kubernetes.default.svc/api/v1/namespaces"])
}

test_fetchers_of_other_addresses_pass if {
	count(findings) == 0 with input as started("/usr/bin/curl", ["-fsS", "http://localhost:8080/healthz"])
	count(findings) == 0 with input as started("/usr/bin/python3", ["-c", "print('169.254.169.254')"])
}

test_connections_of_tools_to_metadata_addresses_are_flagged if {
	some f in findings with input as fixtures.runtime([fixtures.connect("/usr/bin/curl", "169.254.169.254", 80)])
	f.message == "`/usr/bin/curl` connected to the metadata address 169.254.169.254:80 from container `app` of Pod `shop/web`"
	f.pointer == "/runtime/events/0/network"
	count(findings) == 1 with input as fixtures.runtime([fixtures.connect("/usr/bin/wget", "fd00:ec2::254", 80)])
}

test_application_connections_to_metadata_addresses_pass if {
	# SDKs read instance credentials as a matter of course; ZT-RUN-009 and NetworkPolicies
	# judge where applications connect.
	count(findings) == 0 with input as fixtures.runtime([fixtures.connect("/usr/local/bin/app", "169.254.169.254", 80)])
	count(findings) == 0 with input as fixtures.runtime([fixtures.connect("/usr/bin/curl", "10.0.0.1", 80)])
}

test_lists_are_parameters if {
	count(findings) == 1 with input as started("/usr/local/bin/k9s", [])
		with data.ztguard.params["ZT-RUN-008"].api_clients as ["k9s"]
	count(findings) == 1 with input as started("/usr/bin/curl", ["http://vault.internal"])
		with data.ztguard.params["ZT-RUN-008"].targets as ["vault.internal"]
}
