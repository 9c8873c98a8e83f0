#!/bin/sh
# Put the n8n-nodes-wecom-masssend baked into the image (deploy/Dockerfile) where n8n loads
# community packages, <user folder>/.n8n/nodes/node_modules, then start n8n as the official image
# does. At every start, because the user folder is usually a volume: it would hide a copy made at
# build time, and keep an old one after the image is rebuilt with a newer package.
set -eu

nodes_dir="${N8N_USER_FOLDER:-$HOME}/.n8n/nodes/node_modules"
mkdir -p "$nodes_dir"
rm -rf "$nodes_dir/n8n-nodes-wecom-masssend"
cp -R /opt/n8n-wecom/n8n-nodes-wecom-masssend "$nodes_dir/"

exec /docker-entrypoint.sh "$@"
