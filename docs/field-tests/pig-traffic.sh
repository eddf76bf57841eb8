#!/bin/bash
# Traffic driven against pig-boot 3.9.2: reads before and after every write, through the admin API.
B=http://127.0.0.1:9999/admin
K=$(echo -n "thanks,pig4cloud" | xxd -p); E=$(echo -n "123456" | openssl enc -aes-128-cfb -K $K -iv $K -nopad | base64)
login() { curl -s -XPOST "$B/oauth2/token" -H "Authorization: Basic $(echo -n test:test | base64)" --data-urlencode "username=admin" --data-urlencode "password=$E" -d "grant_type=password&scope=server" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
T=$(login); H="Authorization: Bearer $T"; J='Content-Type: application/json'
c() { echo ">> $*"; curl -s -H "$H" "$@" | head -c 400; echo; }
sleep_read() { sleep 1; }
# 1. a business dictionary and its item (dict_details cache, keyed by dict type)
c -XPOST $B/dict -H "$J" -d '{"dictType":"field_color","description":"colours","systemFlag":"0","remarks":"field test"}'
DID=$(mysql -uroot pig -N -e "select id from sys_dict where dict_type='field_color' and del_flag='0'")
c -XPOST $B/dict/item -H "$J" -d "{\"dictId\":$DID,\"dictType\":\"field_color\",\"itemValue\":\"r\",\"label\":\"red\",\"description\":\"red\",\"sortOrder\":1}"
IID=$(mysql -uroot pig -N -e "select id from sys_dict_item where dict_type='field_color' and del_flag='0'")
for i in 1 2 3; do c $B/dict/type/field_color; done
# 1a. update carrying dictType (the front end's form sends it): evicted, re-read shows the new label
c -XPUT $B/dict/item -H "$J" -d "{\"id\":$IID,\"dictId\":$DID,\"dictType\":\"field_color\",\"itemValue\":\"r\",\"label\":\"crimson\"}"
for i in 1 2; do c $B/dict/type/field_color; done
# 1b. update without dictType (an API client sending only what changed): key expression gives null
c -XPUT $B/dict/item -H "$J" -d "{\"id\":$IID,\"dictId\":$DID,\"label\":\"scarlet\"}"
for i in 1 2 3; do c $B/dict/type/field_color; sleep 2; done
mysql -uroot pig -e "select id,label from sys_dict_item where id=$IID"
# 2. public parameters (params_details, keyed by public key)
c -XPOST $B/param -H "$J" -d '{"publicName":"field flag","publicKey":"FIELD_FLAG","publicValue":"on","systemFlag":"0","status":"0","publicType":"0"}'
PID=$(mysql -uroot pig -N -e "select public_id from sys_public_param where public_key='FIELD_FLAG' and del_flag='0'")
for i in 1 2 3; do c $B/param/publicValue/FIELD_FLAG; done
c -XPUT $B/param -H "$J" -d "{\"publicId\":$PID,\"publicKey\":\"FIELD_FLAG\",\"publicValue\":\"off\"}"
for i in 1 2; do c $B/param/publicValue/FIELD_FLAG; done
# 2b. rename the key: the eviction uses the new key, the old one stays cached
c -XPUT $B/param -H "$J" -d "{\"publicId\":$PID,\"publicKey\":\"FIELD_FLAG_V2\",\"publicValue\":\"off\"}"
for i in 1 2 3; do c $B/param/publicValue/FIELD_FLAG; c $B/param/publicValue/FIELD_FLAG_V2; sleep 2; done
# 3. users (user_details, keyed by username, read on every login and token check)
for i in 1 2; do c $B/user/info; c "$B/user/details?username=admin"; done
c -XPUT $B/user -H "$J" -d '{"userId":1,"username":"admin","phone":"17034642000","nickname":"admin-field"}'
T=$(login); H="Authorization: Bearer $T"
for i in 1 2; do c $B/user/info; done
c -XPUT $B/user/edit -H "$J" -d '{"username":"admin","phone":"17034642111","nickname":"admin-self"}'
T=$(login); H="Authorization: Bearer $T"
for i in 1 2; do c $B/user/info; done
# 4. menus per role (menu_details) and roles
for i in 1 2; do c $B/menu; c $B/menu/tree/1; c $B/role/list; done
c -XPUT $B/role -H "$J" -d '{"roleId":1,"roleName":"admin","roleCode":"ROLE_ADMIN","roleDesc":"admin (field)"}'
for i in 1 2; do c $B/role/list; c $B/role/details/1; done
# 5. OAuth clients (oauth client details, keyed by client id, read on every token request)
c $B/client/test
c -XPUT $B/client -H "$J" -d '{"id":"6","clientId":"test","clientSecret":"test","accessTokenValidity":43200}'
T=$(login); H="Authorization: Bearer $T"; c $B/client/test
# 6. clean-up writes: delete the dictionary item, then read
c -XDELETE $B/dict/item/$IID
for i in 1 2; do c $B/dict/type/field_color; done
