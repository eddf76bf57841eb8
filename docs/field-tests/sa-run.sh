#!/bin/bash
# smart-admin 3.x (sa-admin, Boot 3.5.4) with cache-audit: MariaDB on 127.0.0.1:3306 (user safield), Redis database 9
cd /work/field/smart-admin/smart-admin-api-java17-springboot3
exec java -jar sa-admin/target/sa-admin-dev-3.0.0.jar \
  "--spring.datasource.url=jdbc:p6spy:mysql://127.0.0.1:3306/smart_admin_v3?autoReconnect=true&useServerPreparedStmts=false&rewriteBatchedStatements=true&characterEncoding=UTF-8&useSSL=false&allowMultiQueries=true&serverTimezone=Asia/Shanghai" \
  --spring.datasource.username=safield --spring.datasource.password=safield \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.database=9 --localPath=/work/field/sa-files \
  --cache-audit.report.path=/work/field/sa-report.json --cache-audit.verification.enabled=true \
  --cache-audit.verification.sample-rate=1.0 --cache-audit.recording.hit-sample-rate=1.0 --cache-audit.redaction.keys=plain
