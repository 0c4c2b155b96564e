-- The follow-up review's search (q: "contains", any case, in the candidate's
-- name, email or booking reference) through its trigram index, always.
--
-- Searched text shares most of its trigrams with every row ("candidate",
-- "@example"), so PostgreSQL takes the index's cost for more than reading
-- all bookings, and reads all bookings: 17 ms for 20,000, against 4-5 ms
-- through bookings_candidate_search_idx (measured with EXPLAIN ANALYZE on the
-- bench's data). A function with its own setting plans its query with that
-- setting; the review asks it for at most `most` bookings (a coach's, when
-- the review is filtered by coach too).
CREATE FUNCTION "review_search_bookings"(pattern TEXT, coach UUID, most INT) RETURNS SETOF UUID
  LANGUAGE sql STABLE
  SET enable_seqscan = off
AS $$
  SELECT b."id" FROM "bookings" b
   WHERE (b."candidate_name" || ' ' || b."candidate_email" || ' ' || b."reference") ILIKE pattern
     AND (coach IS NULL OR b."coach_id" = coach)
   LIMIT most
$$;
