-- CreateEnum
CREATE TYPE "EmailActionKind" AS ENUM ('CONFIRM', 'DECLINE');

-- CreateTable
CREATE TABLE "EmailAction" (
    "id" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "mentorId" UUID NOT NULL,
    "action" "EmailActionKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailAction_tokenHash_key" ON "EmailAction"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailAction_bookingId_idx" ON "EmailAction"("bookingId");

-- AddForeignKey
ALTER TABLE "EmailAction" ADD CONSTRAINT "EmailAction_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

