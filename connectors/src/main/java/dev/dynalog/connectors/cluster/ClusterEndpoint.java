package dev.dynalog.connectors.cluster;

import dev.dynalog.connectors.http.InternalEndpoint;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.query.ForwardedReadService;
import dev.dynalog.streams.reply.CommandResultCodec;
import dev.dynalog.streams.reply.ResultSink;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The requests other nodes send this one: results of this node's commands that their processors
 * decided ({@link ResultForwarder#PATH}), reads of partitions whose tasks run here
 * ({@link HttpReadTransport#PATH}) and the capacity they consumed ({@link ConsumptionExchange#PATH}).
 */
public final class ClusterEndpoint implements InternalEndpoint {
    private static final byte[] EMPTY = new byte[0];

    private final ResultSink results;
    private final ForwardedReadService reads;
    private final NodeCallSignatures signatures;
    private final ConsumptionExchange consumption;

    /** @param results this node's waiting requests; results meant for another run of it are dropped there */
    public ClusterEndpoint(ResultSink results, ForwardedReadService reads, NodeCallSignatures signatures,
                           ConsumptionExchange consumption) {
        this.results = results;
        this.reads = reads;
        this.signatures = signatures;
        this.consumption = consumption;
    }

    /** Only calls that other nodes signed: results and reads bypass the front door's checks. */
    @Override
    public boolean authentic(String path, Function<String, String> header, byte[] body) {
        return signatures.verify(path, header.apply(NodeCallSignatures.TIME_HEADER),
                header.apply(NodeCallSignatures.SIGNATURE_HEADER), body);
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ResultForwarder.PATH) || path.equals(HttpReadTransport.PATH)
                || path.equals(ConsumptionExchange.PATH);
    }

    /** Results only complete waiting requests; reads may wait at the read barrier. */
    @Override
    public boolean mayWait(String path) {
        return path.equals(HttpReadTransport.PATH);
    }

    @Override
    public byte[] handle(String path, byte[] body) {
        if (path.equals(HttpReadTransport.PATH)) {
            return reads.serve(body);
        }
        if (path.equals(ConsumptionExchange.PATH)) {
            consumption.receive(body);
            return EMPTY;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String origin = in.readUTF();
                String requestId = in.readUTF();
                CommandResult result = CommandResultCodec.read(in);
                results.complete(origin, requestId, result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EMPTY;
    }
}
