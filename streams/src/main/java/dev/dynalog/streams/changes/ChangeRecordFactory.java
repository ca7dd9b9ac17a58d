package dev.dynalog.streams.changes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.eval.ValueEquality;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.schemas.change.AttributeValueConverter;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.change.StreamViewType;
import dev.dynalog.schemas.change.UserIdentity;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.streams.processor.ItemEvent;
import dev.dynalog.streams.processor.ItemEvent.ItemRemoved;
import dev.dynalog.streams.processor.ItemEvent.ItemWritten;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the change record of one item event, as DynamoDB Streams would describe the change: a
 * pure function of the event, the command's stream stamp and its log position, so replaying the
 * log builds the same records.
 *
 * <ul>
 *   <li>INSERT when the item did not exist, MODIFY when it did, REMOVE when it was deleted.</li>
 *   <li>No record for a write that left the item as it was (same attributes, sets equal as sets):
 *   DynamoDB writes no stream record for it. A delete of a missing item has no event at all.</li>
 *   <li>Images by view type: NEW_IMAGE and NEW_AND_OLD_IMAGES carry the new item except on
 *   REMOVE, OLD_IMAGE and NEW_AND_OLD_IMAGES the old item except on INSERT.</li>
 *   <li>SizeBytes is the size of the keys plus the images carried, by DynamoDB's item size rules
 *   (what DynamoDB Local reports).</li>
 * </ul>
 */
public final class ChangeRecordFactory {
    private static final JsonFactory JSON = new JsonFactory();

    private ChangeRecordFactory() {
    }

    /**
     * The change record of {@code event}, or empty if the event changes no item visibly.
     *
     * @param commandOffset the command's offset in its log partition
     * @param index         the event's position among the command's changes
     * @param logTimeMillis the command record's timestamp
     */
    public static Optional<ChangeRecord> of(StreamStamp stamp, String tableId, ItemEvent event, long commandOffset,
                                            int index, long logTimeMillis) {
        Map<String, AttributeValue> oldItem;
        Map<String, AttributeValue> newItem;
        EventName name;
        if (event instanceof ItemWritten w) {
            newItem = ItemCodec.decode(w.newItem());
            oldItem = w.oldItem() == null ? null : ItemCodec.decode(w.oldItem());
            if (oldItem != null && sameItem(oldItem, newItem)) {
                return Optional.empty();
            }
            name = oldItem == null ? EventName.INSERT : EventName.MODIFY;
        } else if (event instanceof ItemRemoved r) {
            oldItem = ItemCodec.decode(r.oldItem());
            newItem = null;
            name = EventName.REMOVE;
        } else {
            // A purge is the end of a table, not a change of its items; DynamoDB's stream has none.
            return Optional.empty();
        }
        StreamViewType viewType = StreamViewType.valueOf(stamp.getViewType().name());
        boolean withNew = viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean withOld = viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        Map<String, AttributeValue> keys = keys(stamp, newItem != null ? newItem : oldItem);
        Map<String, AttributeValue> newImage = withNew ? newItem : null;
        Map<String, AttributeValue> oldImage = withOld ? oldItem : null;
        long size = ItemSize.of(keys) + (newImage == null ? 0 : ItemSize.of(newImage))
                + (oldImage == null ? 0 : ItemSize.of(oldImage));
        return Optional.of(ChangeRecord.newBuilder()
                .setEventName(name)
                .setTableName(stamp.getTableName())
                .setTableId(tableId)
                .setStreamLabel(stamp.getStreamLabel())
                .setKeys(AttributeValueConverter.toAvro(keys))
                .setNewImage(newImage == null ? null : AttributeValueConverter.toAvro(newImage))
                .setOldImage(oldImage == null ? null : AttributeValueConverter.toAvro(oldImage))
                .setSequenceNumber(SequenceNumbers.of(commandOffset, index))
                .setApproximateCreationDateTime(java.time.Instant.ofEpochMilli(logTimeMillis))
                .setSizeBytes(size)
                .setStreamViewType(viewType)
                .build());
    }

    /**
     * Who DynamoDB Streams says deleted an expired item: the Time to Live service. A new record
     * each time, as Avro's generated records are mutable.
     */
    public static UserIdentity timeToLiveIdentity() {
        return new UserIdentity("Service", "dynamodb.amazonaws.com");
    }

    /** The record key of a change: the item's keys as DynamoDB JSON, in key-schema order. */
    public static byte[] recordKey(StreamStamp stamp, ChangeRecord record) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        for (String name : stamp.getKeyAttributes()) {
            keys.put(name, AttributeValueConverter.fromAvro(record.getKeys().get(name)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            AttributeValueJson.writeItem(g, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Map<String, AttributeValue> keys(StreamStamp stamp, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        for (String name : stamp.getKeyAttributes()) {
            keys.put(name, item.get(name));
        }
        return keys;
    }

    private static boolean sameItem(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, AttributeValue> e : a.entrySet()) {
            AttributeValue other = b.get(e.getKey());
            if (other == null || !ValueEquality.equal(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
