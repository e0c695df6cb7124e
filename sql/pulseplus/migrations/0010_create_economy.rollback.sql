-- What: drops the economy tables created by 0010 (the ledger first: it references purchases).
-- Why:  undoes 0010; policies and grants go with the tables.

DROP TABLE pulseplus.currency_transaction;
DROP TABLE pulseplus.purchase;
DROP TABLE pulseplus.currency_balance;
