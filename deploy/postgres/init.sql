-- One database and one login role per service (docker compose runs this once, on an empty data volume).
-- Passwords here are for local compose use only; real deployments take them from secrets.
CREATE ROLE expunge_ingestion LOGIN PASSWORD 'expunge_ingestion-dev';
CREATE ROLE expunge_matching LOGIN PASSWORD 'expunge_matching-dev';
CREATE ROLE expunge_eligibility LOGIN PASSWORD 'expunge_eligibility-dev';
CREATE ROLE expunge_motions LOGIN PASSWORD 'expunge_motions-dev';
CREATE ROLE expunge_notifications LOGIN PASSWORD 'expunge_notifications-dev';
CREATE DATABASE expunge_ingestion OWNER expunge_ingestion;
CREATE DATABASE expunge_matching OWNER expunge_matching;
CREATE DATABASE expunge_eligibility OWNER expunge_eligibility;
CREATE DATABASE expunge_motions OWNER expunge_motions;
CREATE DATABASE expunge_notifications OWNER expunge_notifications;
REVOKE ALL ON DATABASE expunge_ingestion, expunge_matching, expunge_eligibility, expunge_motions, expunge_notifications FROM PUBLIC;
