-- CreateIndex
CREATE INDEX "Booking_createdAt_id_idx" ON "Booking"("createdAt" DESC, "id" DESC);
