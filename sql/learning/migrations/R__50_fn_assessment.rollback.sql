-- What: drops the assessment triggers and functions (undoes R__50_fn_assessment.sql).
-- Why:  triggers first, then the functions they call.

DROP TRIGGER apply_grade ON assessment.grades;
DROP TRIGGER award_on_graded ON assessment.quiz_attempts;
DROP TRIGGER award_on_insert ON assessment.quiz_attempts;
DROP TRIGGER score_on_submit ON assessment.quiz_attempts;
DROP TRIGGER score_on_insert ON assessment.quiz_attempts;
DROP TRIGGER guard_attempt ON assessment.quiz_attempts;
DROP TRIGGER prepare_attempt ON assessment.quiz_attempts;
DROP TRIGGER check_answer_key ON assessment.quiz_answer_keys;
DROP TRIGGER recheck_answer_key ON assessment.quizzes;
DROP TRIGGER check_questions ON assessment.quizzes;
DROP FUNCTION assessment.tg_grades__apply();
DROP FUNCTION assessment.tg_quiz_attempts__award();
DROP FUNCTION assessment.tg_quiz_attempts__grade();
DROP FUNCTION assessment.tg_quiz_attempts__guard();
DROP FUNCTION assessment.tg_quiz_attempts__prepare();
DROP FUNCTION assessment.set_answer_key(uuid, jsonb);
DROP FUNCTION assessment.get_answer_key(uuid);
DROP FUNCTION assessment.tg_quiz_answer_keys__check();
DROP FUNCTION assessment.tg_quizzes__recheck_answer_key();
DROP FUNCTION assessment.tg_quizzes__check_questions();
DROP FUNCTION assessment.answer_key_problems(jsonb, jsonb);
DROP FUNCTION assessment.grade_answers(jsonb, jsonb, jsonb);
