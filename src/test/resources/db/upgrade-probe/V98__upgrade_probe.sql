-- Test only (UpgradeFromPreviousReleaseTest): a migration that a later release adds below versions already applied.
create table upgrade_probe (id integer primary key);
