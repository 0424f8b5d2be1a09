-- AlterEnum
ALTER TYPE "RefundReason" ADD VALUE 'MENTOR_CANCELLED';

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "reminderSentFor" TIMESTAMPTZ(3),
ADD COLUMN     "sessionEndsAt" TIMESTAMPTZ(3),
ADD COLUMN     "sessionStartsAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Booking_status_sessionStartsAt_idx" ON "Booking"("status", "sessionStartsAt");

-- CreateIndex
CREATE INDEX "Booking_mentorId_sessionStartsAt_idx" ON "Booking"("mentorId", "sessionStartsAt");

-- CreateIndex
CREATE INDEX "Booking_menteeId_sessionStartsAt_idx" ON "Booking"("menteeId", "sessionStartsAt");

