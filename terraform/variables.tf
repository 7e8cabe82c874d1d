variable "host_count" {
  description = "How many hosts: 1 runs everything; 3 is edge+data and two app hosts; 4+ adds a data host."
  type        = number
  default     = 3

  validation {
    condition     = can(regex("^[1-9]$", tostring(var.host_count)))
    error_message = "The host_count must be a whole number from 1 to 9."
  }
}

variable "subnet" {
  description = "The cluster's private IPv4 subnet; the bridge takes the first address, hosts start at .10."
  type        = string
  default     = "10.77.0.0/24"

  validation {
    condition     = can(cidrhost(var.subnet, 20)) && !can(regex(":", var.subnet))
    error_message = "The subnet must be an IPv4 CIDR with room for 20 addresses, e.g. 10.77.0.0/24."
  }
}

variable "bridge" {
  description = "Name of the Linux bridge joining the hosts (at most 15 characters)."
  type        = string
  default     = "astro-br0"

  validation {
    condition     = length(var.bridge) <= 15 && can(regex("^[a-z][a-z0-9-]*$", var.bridge))
    error_message = "The bridge name must be lowercase letters, digits and dashes, at most 15 characters."
  }
}

variable "name_prefix" {
  description = "Prefix of every host's network namespace and veth (astro-edge1, astro-app1, ...)."
  type        = string
  default     = "astro-"

  validation {
    condition     = length(var.name_prefix) <= 10 && can(regex("^[a-z][a-z0-9-]*$", var.name_prefix))
    error_message = "The name_prefix must be lowercase letters, digits and dashes, at most 10 characters."
  }
}

variable "state_dir" {
  description = "The cluster's directory inside the run directory: host disks, SSH key, inventory."
  type        = string
}
