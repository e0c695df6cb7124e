-- What: drops pulseplus.shop_item and pulseplus.reward_shop created by 0007.
-- Why:  undoes 0007.

DROP TABLE pulseplus.shop_item;
DROP TABLE pulseplus.reward_shop;
