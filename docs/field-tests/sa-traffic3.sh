#!/bin/bash
# Third round against smart-admin: denormalised names. The logged-in employee's cached request info holds its
# department's name; a department rename then reads of the login info.
B=http://127.0.0.1:1024; J='Content-Type: application/json'
source <(sed -n '/^login()/,/^}/p' /work/field/sa-traffic.sh)
T=$(login 1024ok); H="Authorization: Bearer $T"
c() { echo ">> $*"; curl -s -H "$H" "$@" | head -c 300; echo; }
for i in 1 2; do c $B/login/getLoginInfo; done
c -XPOST $B/department/update -H "$J" -d '{"departmentId":1,"departmentName":"1024创新实验室-renamed","parentId":0,"sort":1,"managerId":1}'
for i in 1 2 3 4; do c $B/login/getLoginInfo; sleep 3; done
