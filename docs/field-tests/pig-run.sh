#!/bin/bash
# pig-boot 3.9.2 with cache-audit: MariaDB on 127.0.0.1:3306 (user pigfield), Redis database 9
cd /work/field/pig
exec java -jar pig-boot/target/pig-boot.jar --spring.data.redis.host=127.0.0.1 --spring.data.redis.database=9 \
  "--spring.datasource.druid.url=jdbc:mysql://127.0.0.1:3306/pig?characterEncoding=utf8&zeroDateTimeBehavior=convertToNull&useSSL=false&serverTimezone=GMT%2B8&allowMultiQueries=true&nullCatalogMeansCurrent=true&allowPublicKeyRetrieval=true" --spring.datasource.druid.username=pigfield --spring.datasource.druid.password=pigfield \
  "--spring.datasource.url=jdbc:mysql://127.0.0.1:3306/pig?characterEncoding=utf8&zeroDateTimeBehavior=convertToNull&useSSL=false&serverTimezone=GMT%2B8&allowMultiQueries=true&nullCatalogMeansCurrent=true&allowPublicKeyRetrieval=true" --spring.datasource.username=pigfield --spring.datasource.password=pigfield \
  --file.local.base-path=/work/field/pig-files \
  --cache-audit.report.path=/work/field/pig-report.json --cache-audit.verification.enabled=true \
  --cache-audit.verification.sample-rate=1.0 --cache-audit.recording.hit-sample-rate=1.0 --cache-audit.redaction.keys=plain
