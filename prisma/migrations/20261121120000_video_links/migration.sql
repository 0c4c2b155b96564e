-- Video call links (issue 5). A coach keeps one link to their usual video
-- meeting room; a booking may carry its own link for that one conversation,
-- which wins over the coach's. Moving a booking to another coach clears the
-- booking's own link (it was the old coach's room). Only https links, with
-- no spaces, are kept: src/domain/video-links/video-link.ts says why a link
-- is refused, these checks are the last line.

ALTER TABLE "coaches" ADD COLUMN "video_link" TEXT
  CHECK ("video_link" ~ '^https://[^[:space:]]+$' AND char_length("video_link") <= 500);

ALTER TABLE "bookings" ADD COLUMN "video_link" TEXT
  CHECK ("video_link" ~ '^https://[^[:space:]]+$' AND char_length("video_link") <= 500);
