-- What: the app's write functions, acting for the subject set by act_as_subject():
--         worldvibe.record_check_in(emotion, intensity, longitude, latitude, created_at, device_type)
--         worldvibe.start_session(device_type) -> session id
--         worldvibe.end_session(session id)
--         worldvibe.record_event(session id, event_type, payload, occurred_at)
-- Why: one call per API action, with the input checks the API would otherwise repeat. They run
--      with the caller's privileges (SECURITY INVOKER): row-level security, the consent triggers
--      and the location snapping apply exactly as to a plain INSERT, which stays possible.
--      The raw longitude/latitude are function arguments only; the stored point is snapped.

CREATE OR REPLACE FUNCTION worldvibe.record_check_in(
    p_emotion     text,
    p_intensity   integer,
    p_longitude   double precision,
    p_latitude    double precision,
    p_created_at  timestamptz DEFAULT NULL,
    p_device_type text DEFAULT 'OTHER')
RETURNS void
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
    v_subject text := worldvibe.current_subject();
BEGIN
    IF v_subject IS NULL THEN
        RAISE EXCEPTION 'no subject: call worldvibe.act_as_subject(identifier) first' USING ERRCODE = 'WVS01';
    END IF;
    IF p_longitude IS NULL OR p_latitude IS NULL
       OR p_longitude NOT BETWEEN -180 AND 180 OR p_latitude NOT BETWEEN -90 AND 90 THEN
        RAISE EXCEPTION 'invalid position (longitude %, latitude %)', p_longitude, p_latitude
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO worldvibe.check_ins (created_at, subject_hash, emotion, intensity, location, device_type)
    VALUES (coalesce(p_created_at, now()), v_subject, p_emotion, p_intensity,
            public.geography(public.ST_SetSRID(public.ST_MakePoint(p_longitude, p_latitude), 4326)),
            coalesce(p_device_type, 'OTHER'));
END
$$;

COMMENT ON FUNCTION worldvibe.record_check_in(text, integer, double precision, double precision, timestamptz, text) IS
    'Stores a check-in of the acting subject (default time: now; pass the device time for late '
    'check-ins). The position is snapped to the 0.1 degree grid before it is stored. Raises WVS01 '
    'without a subject, WVC01 without consent, WVT01 for a future time.';

CREATE OR REPLACE FUNCTION worldvibe.start_session(p_device_type text DEFAULT 'OTHER')
RETURNS uuid
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
    v_subject text := worldvibe.current_subject();
    v_id      uuid;
BEGIN
    IF v_subject IS NULL THEN
        RAISE EXCEPTION 'no subject: call worldvibe.act_as_subject(identifier) first' USING ERRCODE = 'WVS01';
    END IF;
    INSERT INTO worldvibe.sessions (subject_hash, device_type)
    VALUES (v_subject, coalesce(p_device_type, 'OTHER'))
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

COMMENT ON FUNCTION worldvibe.start_session(text) IS
    'Opens a session of the acting subject and returns its id (needs the product_analytics consent).';

CREATE OR REPLACE FUNCTION worldvibe.end_session(p_session_id uuid)
RETURNS boolean
LANGUAGE sql
VOLATILE
AS $$
    WITH ended AS (
        UPDATE worldvibe.sessions AS s
           SET ended_at = greatest(now(), s.started_at)
         WHERE s.id = p_session_id AND s.ended_at IS NULL
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM ended)
$$;

COMMENT ON FUNCTION worldvibe.end_session(uuid) IS
    'Closes an open session of the acting subject; false if there was none (unknown, foreign or already closed).';

CREATE OR REPLACE FUNCTION worldvibe.record_event(
    p_session_id  uuid,
    p_event_type  text,
    p_payload     jsonb DEFAULT '{}'::jsonb,
    p_occurred_at timestamptz DEFAULT NULL)
RETURNS void
LANGUAGE sql
VOLATILE
AS $$
    INSERT INTO worldvibe.events (occurred_at, session_id, event_type, payload)
    VALUES (coalesce(p_occurred_at, now()), p_session_id, p_event_type, coalesce(p_payload, '{}'::jsonb))
$$;

COMMENT ON FUNCTION worldvibe.record_event(uuid, text, jsonb, timestamptz) IS
    'Stores an event of a session of the acting subject (row-level security rejects other sessions).';

ALTER FUNCTION worldvibe.record_check_in(text, integer, double precision, double precision, timestamptz, text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.start_session(text) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.end_session(uuid) OWNER TO worldvibe_owner;
ALTER FUNCTION worldvibe.record_event(uuid, text, jsonb, timestamptz) OWNER TO worldvibe_owner;

REVOKE EXECUTE ON FUNCTION worldvibe.record_check_in(text, integer, double precision, double precision, timestamptz, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.start_session(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.end_session(uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION worldvibe.record_event(uuid, text, jsonb, timestamptz) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION worldvibe.record_check_in(text, integer, double precision, double precision, timestamptz, text) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.start_session(text) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.end_session(uuid) TO worldvibe_app;
GRANT EXECUTE ON FUNCTION worldvibe.record_event(uuid, text, jsonb, timestamptz) TO worldvibe_app;
