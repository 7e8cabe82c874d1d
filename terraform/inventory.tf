# The Ansible inventory: groups by role, SSH with the cluster key and each host's own key.

locals {
  inventory_path = "${var.state_dir}/ansible/inventory.yml"

  inventory = yamlencode({
    all = {
      vars = {
        ansible_user                 = "root"
        ansible_ssh_private_key_file = "${local.key_dir}/id_ed25519"
        ansible_python_interpreter   = "/usr/bin/python3"
      }
      children = {
        for role in ["edge", "app", "data"] : role => {
          hosts = {
            for name, host in local.hosts : name => {
              ansible_host            = host.address
              ansible_ssh_common_args = "-o UserKnownHostsFile=${local.key_dir}/known_hosts.d/${name} -o StrictHostKeyChecking=yes -o ControlPath=${local.key_dir}/cp/%C"
              astroshop_namespace     = host.namespace
              astroshop_host_dir      = host.host_dir
              astroshop_roles         = host.roles
            } if contains(host.roles, role)
          }
        }
      }
    }
  })
}

resource "null_resource" "inventory" {
  depends_on = [null_resource.host]

  triggers = {
    path    = local.inventory_path
    content = local.inventory
  }

  provisioner "local-exec" {
    command     = "mkdir -p \"$(dirname \"$INVENTORY_PATH\")\" && printf '%s' \"$INVENTORY\" > \"$INVENTORY_PATH\""
    environment = { INVENTORY_PATH = self.triggers.path, INVENTORY = self.triggers.content }
  }

  provisioner "local-exec" {
    when        = destroy
    command     = "rm -f \"$INVENTORY_PATH\""
    environment = { INVENTORY_PATH = self.triggers.path }
  }
}
