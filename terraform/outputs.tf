output "hosts" {
  description = "Every host: its address on the bridge, its roles and its network namespace."
  value = {
    for name, host in local.hosts : name => {
      address   = host.address
      roles     = host.roles
      namespace = host.namespace
      host_dir  = host.host_dir
    }
  }
  depends_on = [null_resource.host]
}

output "inventory_path" {
  description = "The Ansible inventory file written for these hosts."
  value       = local.inventory_path
  depends_on  = [null_resource.inventory]
}

output "ssh_private_key" {
  description = "The cluster's private key, which every host's sshd accepts for root."
  value       = "${local.key_dir}/id_ed25519"
  depends_on  = [null_resource.cluster_key]
}

output "network" {
  description = "The bridge, its address (the root namespace's address on the cluster) and the subnet."
  value = {
    bridge  = var.bridge
    gateway = local.gateway
    subnet  = var.subnet
  }
}
