#!/bin/bash
# novel (Boot raised to 3.5.7) with cache-audit: MariaDB on 127.0.0.1:3306 (user novelfield), Redis database 9
cd /work/field/novel
exec $(ls -d /usr/lib/jvm/temurin-25* | head -1)/bin/java -jar target/novel-*.jar \
  "--spring.datasource.url=jdbc:mysql://127.0.0.1:3306/novel?useUnicode=true&characterEncoding=utf-8&useSSL=false&serverTimezone=Asia/Shanghai" \
  --spring.datasource.username=novelfield --spring.datasource.password=novelfield \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.password= --spring.redis.redisson.file=file:/work/field/novel-redisson.yaml --spring.data.redis.database=9 \
  --cache-audit.report.path=/work/field/novel-report.json --cache-audit.verification.enabled=true \
  --cache-audit.verification.sample-rate=1.0 --cache-audit.recording.hit-sample-rate=1.0 --cache-audit.redaction.keys=plain
