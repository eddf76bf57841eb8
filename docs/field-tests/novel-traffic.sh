#!/bin/bash
# Traffic driven against novel: a reader registers, becomes an author, writes a book; readers read it; the author
# edits and deletes chapters; reads after every write.
B=http://127.0.0.1:8888/api
J='Content-Type: application/json'
c() { echo ">> $*"; curl -s -H "Authorization: $T" "$@" | head -c 300; echo; }
S=$(curl -s $B/front/resource/img_verify_code | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["sessionId"])')
V=$(redis-cli -n 9 --raw get "Cache::Novel::imgVerifyCodeCache::$S")
U="1380000$RANDOM"
T=$(curl -s -XPOST $B/front/user/register -H "$J" -d "{\"username\":\"$U\",\"password\":\"field123\",\"velCode\":\"$V\",\"sessionId\":\"$S\"}" | python3 -c 'import sys,json;d=json.load(sys.stdin);print(d["data"]["token"])')
echo "user=$U token=${T:0:12}"
mysql -uroot novel -e "insert into author_code(invite_code, validity_time, is_used, create_time, update_time) values ('FIELD$U', '2030-01-01', 0, now(), now())"
c -XPOST $B/author/register -H "$J" -d "{\"penName\":\"pen$U\",\"telPhone\":\"$U\",\"chatAccount\":\"qq$U\",\"email\":\"a$U@example.com\",\"workDirection\":0,\"inviteCode\":\"FIELD$U\"}"
for i in 1 2; do c $B/author/status; done
mysql -uroot novel -e "insert ignore into book_category(id, work_direction, name, sort, create_time, update_time) values (1, 0, 'fantasy', 1, now(), now())"
c -XPOST $B/author/book -H "$J" -d '{"workDirection":0,"categoryId":1,"categoryName":"fantasy","picUrl":"/x.png","bookName":"Field Book '$U'","bookDesc":"a book to test caches","isVip":0}'
BID=$(mysql -uroot novel -N -e "select id from book_info where book_name='Field Book $U'")
echo "book=$BID"
c -XPOST $B/author/book/chapter/$BID -H "$J" -d '{"bookId":'$BID',"chapterName":"Chapter One","chapterContent":"It was a dark and stormy night, the first chapter of the field book.","isVip":0}'
c -XPOST $B/author/book/chapter/$BID -H "$J" -d '{"bookId":'$BID',"chapterName":"Chapter Two","chapterContent":"The second chapter follows the first one in every detail of the story.","isVip":0}'
CH1=$(mysql -uroot novel -N -e "select id from book_chapter where book_id=$BID order by chapter_num limit 1")
CH2=$(mysql -uroot novel -N -e "select id from book_chapter where book_id=$BID order by chapter_num desc limit 1")
for i in 1 2 3; do c $B/front/book/$BID; c "$B/front/book/chapter/list?bookId=$BID"; c $B/front/book/content/$CH1; c $B/front/book/content/$CH2; c "$B/front/book/last_chapter/about?bookId=$BID"; c $B/front/book/category/list?workDirection=0; c $B/front/book/newest_rank; c $B/front/book/update_rank; done
c -XPOST "$B/front/book/visit?bookId=$BID"; c -XPOST "$B/front/book/visit?bookId=$BID"
c -XPUT $B/author/book/chapter/$CH1 -H "$J" -d '{"chapterName":"Chapter One (revised)","chapterContent":"It was a bright and quiet morning: the first chapter, rewritten by its author.","isVip":0}'
for i in 1 2 3; do c $B/front/book/$BID; c $B/front/book/content/$CH1; c "$B/front/book/last_chapter/about?bookId=$BID"; c $B/author/book/chapter/$CH1; sleep 2; done
c -XDELETE $B/author/book/chapter/$CH2
for i in 1 2 3; do c $B/front/book/$BID; c "$B/front/book/chapter/list?bookId=$BID"; c $B/front/book/content/$CH2; c "$B/front/book/last_chapter/about?bookId=$BID"; c $B/front/book/newest_rank; sleep 2; done
