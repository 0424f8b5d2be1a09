-- What the mentee's bank returned through lost card disputes of the booking's charge.
ALTER TABLE "Booking" ADD COLUMN "chargedBackCents" INTEGER NOT NULL DEFAULT 0;

-- Bookings whose disputes were lost before this column existed.
UPDATE "Booking" b
SET "chargedBackCents" = LEAST(b."priceCents", lost.cents)
FROM (
  SELECT "bookingId", SUM("amountCents")::int AS cents
  FROM "Dispute"
  WHERE "status" = 'LOST' AND "attention" IS DISTINCT FROM 'NOT_THIS_CHARGE'
  GROUP BY "bookingId"
) lost
WHERE lost."bookingId" = b."id";
