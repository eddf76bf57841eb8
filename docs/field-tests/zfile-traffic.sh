#!/bin/bash
# Traffic driven against zfile (admin API + public API), reads before and after every write.
B=http://127.0.0.1:18080
T=$(curl -s -XPOST $B/user/login -H 'Content-Type: application/json' -d '{"username":"admin","password":"admin123"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["token"])')
H="zfile-token: $T"
J='Content-Type: application/json'
c() { echo ">> $*"; curl -s -H "$H" "$@" | head -c 300; echo; }
# storage source: create, read, update, read, disable/enable, read
c -XPOST $B/admin/storage -H "$J" -d '{"name":"local1","key":"local1","type":"local","enable":true,"enableCache":false,"orderNum":1,"storageSourceAllParam":{"filePath":"/work/field/files1"}}'
for i in 1 2 3; do c $B/admin/storages; c $B/admin/storage/1; c $B/api/site/config/global; c -XPOST $B/api/site/config/storage -H "$J" -d '{"storageKey":"local1","path":"/"}'; c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'; done
c -XPOST $B/admin/storage -H "$J" -d '{"id":1,"name":"local1-renamed","key":"local1","type":"local","enable":true,"enableCache":false,"orderNum":1,"storageSourceAllParam":{"filePath":"/work/field/files1"}}'
for i in 1 2; do c $B/admin/storages; c $B/admin/storage/1; c -XPOST $B/api/site/config/storage -H "$J" -d '{"storageKey":"local1","path":"/"}'; c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'; done
c -XPOST $B/admin/storage/1/disable; c $B/admin/storage/1; c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'
c -XPOST $B/admin/storage/1/enable; c $B/admin/storage/1; c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'
# site configuration: read, update, read
c $B/admin/config
c -XPUT $B/admin/config/site -H "$J" -d '{"siteName":"field-renamed","username":"admin"}'
for i in 1 2; do c $B/admin/config; c $B/api/site/config/global; done
c -XPUT $B/admin/config/view -H "$J" -d '{"rootShowStorage":true,"maxShowSize":500}'
for i in 1 2; do c $B/admin/config; c $B/api/site/config/global; done
# users: create, read, update, disable, delete, read
c -XPOST $B/admin/user/saveOrUpdate -H "$J" -d '{"username":"bob","nickname":"Bob","password":"bob12345","enable":true,"userStorageSourceList":[{"storageId":1,"enable":true,"rootPath":"/","permissions":["available"]}]}'
for i in 1 2; do c "$B/admin/user/list?hideDisabledStorage=false"; c $B/admin/user/3; done
c -XPOST $B/admin/user/saveOrUpdate -H "$J" -d '{"id":3,"username":"bob","nickname":"Bobby","enable":true,"userStorageSourceList":[{"storageId":1,"enable":true,"rootPath":"/sub","permissions":["available"]}]}'
for i in 1 2; do c "$B/admin/user/list?hideDisabledStorage=false"; c $B/admin/user/3; done
T2=$(curl -s -XPOST $B/user/login -H "$J" -d '{"username":"bob","password":"bob12345"}' | python3 -c 'import sys,json;d=json.load(sys.stdin);print((d.get("data") or {}).get("token",""))'); echo bob=$T2
curl -s -H "zfile-token: $T2" -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}' | head -c 300; echo
c -XPOST $B/admin/user/disable/3; c $B/admin/user/3
curl -s -H "zfile-token: $T2" -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}' | head -c 300; echo
c -XPOST $B/admin/user/enable/3
c -XDELETE $B/admin/user/delete/3; c "$B/admin/user/list?hideDisabledStorage=false"; c $B/admin/user/3
# file operations: mkdir, rename, delete, list
c -XPOST $B/api/file/operator/mkdir -H "$J" -d '{"storageKey":"local1","path":"/","name":"newdir"}'
c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'
c -XPOST $B/api/file/operator/rename/folder -H "$J" -d '{"storageKey":"local1","path":"/","name":"newdir","newName":"newdir2"}'
c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'
# storage source delete, then reads
c -XDELETE $B/admin/storage/1
c $B/admin/storages; c $B/admin/storage/1; c -XPOST $B/api/storage/files -H "$J" -d '{"storageKey":"local1","path":"/"}'
