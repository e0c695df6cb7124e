-- What: drops the chat policies' helper and the communication tables created by 0014.
-- Why:  undoes 0014. The tables go first: their policies call is_chat_member().

DROP TABLE pulseplus.chat_message;
DROP TABLE pulseplus.chat_group_member;
DROP TABLE pulseplus.chat_group;
DROP TABLE pulseplus.notification;
DROP FUNCTION pulseplus.is_chat_member(uuid);
