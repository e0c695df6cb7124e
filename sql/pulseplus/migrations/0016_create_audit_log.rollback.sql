-- What: drops pulseplus.audit_log created by 0016 (and with it the audit trail).
-- Why:  undoes 0016. Take a backup first if the trail matters: this cannot be undone.

DROP TABLE pulseplus.audit_log;
