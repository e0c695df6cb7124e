-- What: drops pulseplus.survey_response and pulseplus.survey created by 0015.
-- Why:  undoes 0015.

DROP TABLE pulseplus.survey_response;
DROP TABLE pulseplus.survey;
