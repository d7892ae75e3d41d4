-- EXPLAIN (ANALYZE, BUFFERS) of the statements JpaConsentStore.search / find / history send to PostgreSQL
-- (copied from Hibernate's SQL log, -Dkcconsent.bench.show-sql=true), on a ConsentSearchBenchmark database:
--
--   psql -h 127.0.0.1 -U postgres -d kc_consent_bench_1000000 -f benchmarks/explain-search.sql
--
-- Targets: the client with the most AUTHORISED consents, the 11th largest (about the 95th percentile of the
-- benchmark's uniformly drawn clients), one CPF blind index and one consent id. Read-only. Run the benchmark
-- once first, so the database has every index of the current changelog (IDX_KCC_CONSENT_CLI_STATUS).
\set realm '''5e0c1d2a-9b7f-4c3e-8a61-2f4b6d8e0a13'''
SELECT client_id AS big FROM kcc_consent WHERE status = 'AUTHORISED' GROUP BY client_id ORDER BY count(*) DESC LIMIT 1 \gset
SELECT client_id AS p95 FROM (SELECT client_id, count(*) AS n FROM kcc_consent WHERE status = 'AUTHORISED'
    GROUP BY client_id ORDER BY n DESC OFFSET 10 LIMIT 1) x \gset
SELECT cpf_bidx AS cpf FROM kcc_consent ORDER BY id LIMIT 1 \gset
SELECT id AS consent FROM kcc_consent ORDER BY id OFFSET 1000 LIMIT 1 \gset

\echo '== search client + AUTHORISED: total count (count(1)), largest client'
EXPLAIN (ANALYZE, BUFFERS) select count(1) from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CLIENT_ID=:'big' and ce1_0.STATUS in ('AUTHORISED');
\echo '== search client + AUTHORISED: total count (count(1)), 11th largest client'
EXPLAIN (ANALYZE, BUFFERS) select count(1) from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CLIENT_ID=:'p95' and ce1_0.STATUS in ('AUTHORISED');
\echo '== the count as it was before (count(ID)): one heap fetch per matching consent, largest client'
EXPLAIN (ANALYZE, BUFFERS) select count(ce1_0.ID) from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CLIENT_ID=:'big' and ce1_0.STATUS in ('AUTHORISED');
\echo '== the capped count the code sends (default, exact-total=false): bounded whatever the client size, largest client'
EXPLAIN (ANALYZE, BUFFERS) select count(*) from (select 1 from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CLIENT_ID=:'big' and ce1_0.STATUS in ('AUTHORISED') fetch first 1001 rows only) derived1_0(one);
\echo '== search client + AUTHORISED: page 1 of 25, largest client'
EXPLAIN (ANALYZE, BUFFERS) select ce1_0.ID,ce1_0.AUTH_DEADLINE,ce1_0.CLIENT_ID,ce1_0.CNPJ_ENC,ce1_0.CNPJ_BIDX,ce1_0.CPF_ENC,ce1_0.CPF_BIDX,ce1_0.CREATED_AT,ce1_0.ENC_KEY_ID,ce1_0.EXPIRES_AT,ce1_0.ORIGIN,ce1_0.PAYMENT_ENC,ce1_0.PERMISSIONS,ce1_0.REALM_ID,ce1_0.REJECTED_BY,ce1_0.REJECTION_INFO,ce1_0.REJECTION_REASON,ce1_0.SESSION_METADATA_ENC,ce1_0.STATUS,ce1_0.STATUS_UPDATED_AT,ce1_0.CONSENT_TYPE,ce1_0.USER_ID,ce1_0.VERSION from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CLIENT_ID=:'big' and ce1_0.STATUS in ('AUTHORISED') order by ce1_0.CREATED_AT desc,ce1_0.ID offset 0 rows fetch first 25 rows only;

\echo '== search CPF: total count'
EXPLAIN (ANALYZE, BUFFERS) select count(1) from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CPF_BIDX in (:'cpf');
\echo '== search CPF: page 1 of 25'
EXPLAIN (ANALYZE, BUFFERS) select ce1_0.ID,ce1_0.AUTH_DEADLINE,ce1_0.CLIENT_ID,ce1_0.CNPJ_ENC,ce1_0.CNPJ_BIDX,ce1_0.CPF_ENC,ce1_0.CPF_BIDX,ce1_0.CREATED_AT,ce1_0.ENC_KEY_ID,ce1_0.EXPIRES_AT,ce1_0.ORIGIN,ce1_0.PAYMENT_ENC,ce1_0.PERMISSIONS,ce1_0.REALM_ID,ce1_0.REJECTED_BY,ce1_0.REJECTION_INFO,ce1_0.REJECTION_REASON,ce1_0.SESSION_METADATA_ENC,ce1_0.STATUS,ce1_0.STATUS_UPDATED_AT,ce1_0.CONSENT_TYPE,ce1_0.USER_ID,ce1_0.VERSION from KCC_CONSENT ce1_0 where ce1_0.REALM_ID=:realm and ce1_0.CPF_BIDX in (:'cpf') order by ce1_0.CREATED_AT desc,ce1_0.ID offset 0 rows fetch first 25 rows only;
\echo '== resources of one consent (search sends this once per consent on the page: getResultStream defeats batch fetching)'
EXPLAIN (ANALYZE, BUFFERS) select r1_0.CONSENT_ID,r1_0.ID,r1_0.LABEL_ENC,r1_0.POSITION,r1_0.RESOURCE_ID,r1_0.RESOURCE_TYPE from KCC_CONSENT_RESOURCE r1_0 where r1_0.CONSENT_ID=:'consent' order by r1_0.POSITION;

\echo '== detail: find + history'
EXPLAIN (ANALYZE, BUFFERS) select ce1_0.ID,ce1_0.SESSION_METADATA_ENC,ce1_0.VERSION from KCC_CONSENT ce1_0 where ce1_0.ID=:'consent';
EXPLAIN (ANALYZE, BUFFERS) select csce1_0.ID,csce1_0.ACTOR,csce1_0.ADDITIONAL_INFO,csce1_0.CHANGED_AT,csce1_0.CHANNEL,csce1_0.CONSENT_ID,csce1_0.FROM_STATUS,csce1_0.REASON,csce1_0.SEQ,csce1_0.TO_STATUS from KCC_CONSENT_STATUS_HISTORY csce1_0 where csce1_0.CONSENT_ID=:'consent' order by csce1_0.SEQ;
