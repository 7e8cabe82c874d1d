# Hosts are network namespaces on one private bridge, each running sshd with the cluster's
# key; scripts/cluster-net.sh does the work on create and undoes it on destroy.

locals {
  script        = abspath("${path.module}/../scripts/cluster-net.sh")
  key_dir       = "${var.state_dir}/ssh"
  separate_data = var.host_count >= 4
  app_count     = var.host_count - 1 - (local.separate_data ? 1 : 0)

  layout = concat(
    [{ name = "edge1", roles = compact(["edge", local.app_count == 0 ? "app" : "", local.separate_data ? "" : "data"]) }],
    [for index in range(local.app_count) : { name = "app${index + 1}", roles = ["app"] }],
    local.separate_data ? [{ name = "data1", roles = ["data"] }] : [],
  )

  hosts = {
    for index, host in local.layout : host.name => {
      address   = cidrhost(var.subnet, 10 + index)
      roles     = host.roles
      namespace = "${var.name_prefix}${host.name}"
      host_dir  = "${var.state_dir}/hosts/${host.name}"
    }
  }

  gateway    = cidrhost(var.subnet, 1)
  prefix_len = split("/", var.subnet)[1]
}

resource "null_resource" "network" {
  triggers = {
    bridge       = var.bridge
    gateway_cidr = "${local.gateway}/${local.prefix_len}"
    state_dir    = var.state_dir
    script       = local.script
  }

  provisioner "local-exec" {
    command = "${self.triggers.script} network-up"
    environment = {
      BRIDGE       = self.triggers.bridge
      GATEWAY_CIDR = self.triggers.gateway_cidr
      STATE_DIR    = self.triggers.state_dir
    }
  }

  provisioner "local-exec" {
    when    = destroy
    command = "${self.triggers.script} network-down"
    environment = {
      BRIDGE    = self.triggers.bridge
      STATE_DIR = self.triggers.state_dir
    }
  }
}

resource "null_resource" "cluster_key" {
  triggers = {
    key_dir = local.key_dir
    script  = local.script
  }

  provisioner "local-exec" {
    command     = "${self.triggers.script} key-up"
    environment = { KEY_DIR = self.triggers.key_dir }
  }

  provisioner "local-exec" {
    when        = destroy
    command     = "${self.triggers.script} key-down"
    environment = { KEY_DIR = self.triggers.key_dir }
  }
}

resource "null_resource" "host" {
  for_each   = local.hosts
  depends_on = [null_resource.network, null_resource.cluster_key]

  triggers = {
    name       = each.key
    namespace  = each.value.namespace
    address    = each.value.address
    prefix_len = local.prefix_len
    bridge     = var.bridge
    host_dir   = each.value.host_dir
    key_dir    = local.key_dir
    script     = local.script
  }

  provisioner "local-exec" {
    command = "${self.triggers.script} host-up"
    environment = {
      NAME       = self.triggers.name
      NAMESPACE  = self.triggers.namespace
      ADDRESS    = self.triggers.address
      PREFIX_LEN = self.triggers.prefix_len
      BRIDGE     = self.triggers.bridge
      HOST_DIR   = self.triggers.host_dir
      KEY_DIR    = self.triggers.key_dir
    }
  }

  provisioner "local-exec" {
    when    = destroy
    command = "${self.triggers.script} host-down"
    environment = {
      NAME      = self.triggers.name
      NAMESPACE = self.triggers.namespace
      HOST_DIR  = self.triggers.host_dir
      KEY_DIR   = self.triggers.key_dir
    }
  }
}
