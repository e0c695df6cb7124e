-- What: undoes 0006: drops the geography helpers.
-- Why: the check-in table that uses them is dropped by a later rollback that runs before this one.

DROP FUNCTION worldvibe.region_bounds_of(public.geography);
DROP FUNCTION worldvibe.region_center_of(public.geography);
DROP FUNCTION worldvibe.region_hash_of(public.geography);
DROP FUNCTION worldvibe.region_cell_of(public.geography);
DROP FUNCTION worldvibe.is_on_grid(public.geography);
DROP FUNCTION worldvibe.snap_location(public.geography);
