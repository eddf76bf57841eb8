#!/bin/bash
# Traffic driven against smart-admin (sa-admin): reads before and after every write, through the admin API.
B=http://127.0.0.1:1024
J='Content-Type: application/json'
login() {
  local uuid=$(curl -s $B/login/getCaptcha | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["captchaUuid"])')
  local code=$(redis-cli -n 9 --raw get "$(redis-cli -n 9 --raw keys "*captcha:$uuid")" | tr -d '"')
  local K=$(echo -n "1024lab__1024lab" | xxd -p)
  local pwd=$(echo -n "$1" | openssl enc -sm4-ecb -K $K | xxd -p | tr -d '\n' | base64 -w0)
  curl -s -XPOST $B/login -H "$J" -d "{\"loginName\":\"admin\",\"password\":\"$pwd\",\"captchaCode\":\"$code\",\"captchaUuid\":\"$uuid\",\"loginDevice\":1}" | python3 -c 'import sys,json;d=json.load(sys.stdin);print((d.get("data") or {}).get("token") or d, file=sys.stdout)'
}
T=$(login "${SA_PASSWORD:-123456}"); echo "token=${T:0:12}"
H="Authorization: Bearer $T"
c() { echo ">> $*"; curl -s -H "$H" "$@" | head -c 400; echo; }
# 1. dictionary data behind the goods export (cache dict_data, key GOODS_PLACE_<value>)
for i in 1 2; do c -o /dev/null -w '%{http_code}\n' $B/goods/exportGoods; done
# 1a. label update with the dictionary code in the form (what the web front end sends)
c -XPOST $B/support/dict/dictData/update -H "$J" -d '{"dictDataId":2,"dictId":1,"dictCode":"GOODS_PLACE","dataValue":"LUO_YANG","dataLabel":"洛阳市","sortOrder":1}'
for i in 1 2; do c -o /dev/null -w '%{http_code}\n' $B/goods/exportGoods; done
# 1b. the same update from a client that sends only the form fields it knows (no dictCode)
c -XPOST $B/support/dict/dictData/update -H "$J" -d '{"dictDataId":3,"dictId":1,"dataValue":"ZHENG_ZHOU","dataLabel":"郑州市","sortOrder":2}'
for i in 1 2 3; do c -o /dev/null -w '%{http_code}\n' $B/goods/exportGoods; sleep 2; done
# 2. the dictionary itself renamed: @CacheEvict(DICT_DATA) with no key evicts the form object
c -XPOST $B/support/dict/update -H "$J" -d '{"dictId":1,"dictCode":"GOODS_PLACE_V2","dictName":"产地","remark":"field"}'
for i in 1 2 3; do c -o /dev/null -w '%{http_code}\n' $B/goods/exportGoods; sleep 2; done
c -XPOST $B/support/dict/update -H "$J" -d '{"dictId":1,"dictCode":"GOODS_PLACE","dictName":"产地","remark":""}'
# 3. categories (category caches) read by the export and the tree
for i in 1 2; do c -XPOST $B/category/tree -H "$J" -d '{"categoryType":1}'; c $B/category/1; done
c -XPOST $B/category/update -H "$J" -d '{"categoryId":1,"categoryName":"field-cat","categoryType":1,"parentId":0,"sort":1,"disabledFlag":false}'
for i in 1 2; do c -XPOST $B/category/tree -H "$J" -d '{"categoryType":1}'; c $B/category/1; c -o /dev/null -w '%{http_code}\n' $B/goods/exportGoods; done
# 4. departments (department caches)
for i in 1 2; do c $B/department/listAll; c $B/department/treeList; done
c -XPOST $B/department/update -H "$J" -d '{"departmentId":1,"departmentName":"1024创新实验室-field","parentId":0,"sort":1,"managerId":1}'
for i in 1 2; do c $B/department/listAll; c $B/department/treeList; done
# 5. employees: the logged-in employee's request cache and permissions
for i in 1 2; do c $B/login/getLoginInfo; done
c -XPOST $B/employee/update -H "$J" -d '{"employeeId":2,"loginName":"huke","actualName":"胡克-field","gender":1,"departmentId":1,"disabledFlag":false,"phone":"13123123121","email":"huke@1024lab.net","roleIdList":[]}'
c -XPOST $B/employee/update/center -H "$J" -d '{"actualName":"管理员-field","gender":1,"phone":"13500000000","email":"admin@1024lab.net"}'
for i in 1 2; do c $B/login/getLoginInfo; done
c $B/employee/update/disabled/2; c $B/employee/update/disabled/2
