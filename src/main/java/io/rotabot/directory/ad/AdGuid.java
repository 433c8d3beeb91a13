package io.rotabot.directory.ad;

import java.util.HexFormat;

/** objectGUID bytes and the text form AD tools show: the first three groups are little-endian. */
final class AdGuid {

    private static final int[] TEXT_ORDER = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

    private AdGuid() {
    }

    static String toText(byte[] guid) {
        if (guid == null || guid.length != 16) {
            throw new IllegalArgumentException("objectGUID must be 16 bytes");
        }
        StringBuilder text = new StringBuilder(36);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text.append('-');
            }
            text.append(hex.toHexDigits(guid[TEXT_ORDER[i]]));
        }
        return text.toString();
    }

    static byte[] toBytes(String text) {
        String digits = text.replace("-", "");
        if (!digits.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("Not a GUID: " + text);
        }
        byte[] ordered = HexFormat.of().parseHex(digits);
        byte[] guid = new byte[16];
        for (int i = 0; i < 16; i++) {
            guid[TEXT_ORDER[i]] = ordered[i];
        }
        return guid;
    }
}
