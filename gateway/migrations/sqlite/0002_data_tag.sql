-- Each record keeps the data tag it was registered with (the patient's blinded class, as on
-- chain, so nothing new is revealed by keeping it), so a release asks the consent pallet
-- without opening the patient's tag secret. Records stored before this migration have none,
-- and a release computes theirs from the secret as before.
ALTER TABLE resources ADD COLUMN data_tag BLOB;
