package dev.blobpipe.ingest.s3;

import dev.blobpipe.ingest.upload.ChecksumAlgorithm;
import dev.blobpipe.ingest.upload.ChecksumType;
import dev.blobpipe.ingest.upload.CrcPolynomial;
import dev.blobpipe.ingest.upload.StoredChecksums.ObjectChecksum;
import dev.blobpipe.ingest.upload.StoredChecksums.UploadChecksum;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The checksum of a completed multipart object from its parts' checksums and sizes, never from its bytes
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html): COMPOSITE is the algorithm
 * over the parts' binary checksums concatenated, base64, then "-N"; FULL_OBJECT is the CRC of the whole content,
 * each part's CRC combined in with its length ({@link CrcPolynomial#combine}).
 */
final class MultipartChecksum {
    private MultipartChecksum() {
    }

    /** One chosen part: its stored checksum (base64) and size. */
    record Part(String base64, long sizeBytes) {
        Part {
            Objects.requireNonNull(base64, "base64");
        }
    }

    static ObjectChecksum of(UploadChecksum upload, List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        ChecksumAlgorithm algorithm = upload.algorithm();
        Base64.Encoder base64 = Base64.getEncoder();
        if (upload.type() == ChecksumType.COMPOSITE) {
            List<byte[]> checksums = new ArrayList<>(parts.size());
            for (Part part : parts) {
                checksums.add(Base64.getDecoder().decode(part.base64()));
            }
            String value = base64.encodeToString(algorithm.digest(checksums)) + "-" + parts.size();
            return new ObjectChecksum(algorithm, ChecksumType.COMPOSITE, value);
        }
        CrcPolynomial crc = algorithm.crc();
        if (crc == null) {
            throw new IllegalArgumentException(algorithm + " has no full-object checksum");
        }
        long combined = 0;   // the CRC of no bytes (initial value and final xor cancel out)
        for (Part part : parts) {
            combined = crc.combine(combined, crcValue(part.base64(), crc.width()), part.sizeBytes());
        }
        ByteBuffer value = ByteBuffer.allocate(crc.width() / 8);
        if (crc.width() == 64) {
            value.putLong(combined);
        } else {
            value.putInt((int) combined);
        }
        return new ObjectChecksum(algorithm, ChecksumType.FULL_OBJECT, base64.encodeToString(value.array()));
    }

    /** A stored base64 CRC (big-endian) as a number. */
    private static long crcValue(String base64, int width) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        if (bytes.remaining() != width / 8) {
            throw new IllegalArgumentException("a " + width + "-bit CRC is " + width / 8 + " bytes: " + base64);
        }
        return width == 64 ? bytes.getLong() : bytes.getInt() & 0xFFFFFFFFL;
    }
}
