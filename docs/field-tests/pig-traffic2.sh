#!/bin/bash
# Second round against pig: the OAuth client update with its required fields, then logins that read the client cache.
B=http://127.0.0.1:9999/admin
K=$(echo -n "thanks,pig4cloud" | xxd -p); E=$(echo -n "123456" | openssl enc -aes-128-cfb -K $K -iv $K -nopad | base64)
login() { curl -s -XPOST "$B/oauth2/token" -H "Authorization: Basic $(echo -n test:test | base64)" --data-urlencode "username=admin" --data-urlencode "password=$E" -d "grant_type=password&scope=server" | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])'; }
T=$(login); H="Authorization: Bearer $T"; J='Content-Type: application/json'
c() { echo ">> $*"; curl -s -H "$H" "$@" | head -c 300; echo; }
c -XPUT $B/client -H "$J" -d '{"id":"6","clientId":"test","clientSecret":"test","scope":"server","authorizedGrantTypes":["password","refresh_token"],"accessTokenValidity":40000,"refreshTokenValidity":2592001,"autoapprove":"true"}'
for i in 1 2 3; do T=$(login); echo token=${T:0:10}; done
H="Authorization: Bearer $T"; c $B/client/test
c -XPUT $B/user/lock/admin
c -XPUT $B/user -H "$J" -d '{"userId":1,"username":"admin","lockFlag":"0"}'
for i in 1 2; do T=$(login); echo token=${T:0:10}; done
