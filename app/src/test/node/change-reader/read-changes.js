// Reads a dynalog change topic from the beginning with kafkajs (read committed, its default) and
// decodes every record with @kafkajs/confluent-schema-registry against the given registry: no
// dynalog code involved. Prints one JSON line per record, images turned into DynamoDB JSON by the
// mapping in schemas/CHANGE_RECORDS.md, and exits once it has read the expected number.
//
// usage: node read-changes.js <bootstrap servers> <registry url> <topic> <expected records>
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

const [bootstrap, registryUrl, topic, expectedText] = process.argv.slice(2);
const expected = Number(expectedText);
const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'];

function dynamodbJson(value) {
  const set = TYPES.filter((t) => value[t] !== null && value[t] !== undefined);
  if (set.length !== 1) throw new Error('not exactly one type set: ' + JSON.stringify(value));
  const name = set[0];
  const content = value[name];
  switch (name) {
    case 'B': return { B: content.toString('base64') };
    case 'BS': return { BS: content.map((b) => b.toString('base64')) };
    case 'M': return { M: itemJson(content) };
    case 'L': return { L: content.map(dynamodbJson) };
    default: return { [name]: content };
  }
}

function itemJson(image) {
  if (image === null || image === undefined) return null;
  const out = {};
  for (const [k, v] of Object.entries(image)) out[k] = dynamodbJson(v);
  return out;
}

async function main() {
  const registry = new SchemaRegistry({ host: registryUrl });
  const kafka = new Kafka({ clientId: 'dynalog-node-reader', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: 'dynalog-node-reader-' + Date.now() });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${count} of ${expected} records in time`)), 60000);
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = message.value;
        const record = await registry.decode(value);
        console.log(JSON.stringify({
          partition,
          key: message.key.toString('utf8'),
          magicByte: value[0],
          schemaId: value.readInt32BE(1),
          eventName: record.eventName,
          tableName: record.tableName,
          sequenceNumber: record.sequenceNumber,
          keys: itemJson(record.keys),
          newImage: itemJson(record.newImage),
          oldImage: itemJson(record.oldImage),
        }));
        count += 1;
        if (count >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
