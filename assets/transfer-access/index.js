'use strict';
// The `Custom::TransferAccess` resource of cdk-transfer-family (src/access/access.ts): a directory
// group's access to a Transfer Family server, which CloudFormation has no resource type for. It runs
// behind aws-cdk-lib's custom resource Provider, on the AWS SDK that Lambda bundles.
// https://docs.aws.amazon.com/transfer/latest/APIReference/API_CreateAccess.html
// https://docs.aws.amazon.com/transfer/latest/APIReference/API_UpdateAccess.html
// https://docs.aws.amazon.com/transfer/latest/APIReference/API_DeleteAccess.html
const { TransferClient, CreateAccessCommand, UpdateAccessCommand, DeleteAccessCommand } = require('@aws-sdk/client-transfer');

const transfer = new TransferClient({});

/** The physical id, `<server-id>/<external-id>`: a server id has no `/`, so the first one separates them. */
const PHYSICAL_ID = /^(s-[0-9a-f]{17})\/(.+)$/;

/** Fields UpdateAccess can set but not clear: an update that drops one recreates the access. */
const UNCLEARABLE = ['HomeDirectory', 'HomeDirectoryMappings', 'Policy', 'PosixProfile'];

function physicalId(props) {
  return `${props.ServerId}/${props.ExternalId}`;
}

/**
 * The request for CreateAccess and UpdateAccess. CloudFormation passes every property of a custom
 * resource as a string: the POSIX ids are numbers again here.
 */
function accessRequest(props) {
  const out = { ServerId: props.ServerId, ExternalId: props.ExternalId, Role: props.Role };
  if (props.HomeDirectoryType !== undefined) out.HomeDirectoryType = props.HomeDirectoryType;
  if (props.HomeDirectory !== undefined) out.HomeDirectory = props.HomeDirectory;
  if (props.HomeDirectoryMappings !== undefined) {
    out.HomeDirectoryMappings = props.HomeDirectoryMappings.map((m) => {
      const mapping = { Entry: m.Entry, Target: m.Target };
      if (m.Type !== undefined) mapping.Type = m.Type;
      return mapping;
    });
  }
  if (props.Policy !== undefined) out.Policy = props.Policy;
  if (props.PosixProfile !== undefined) {
    const p = props.PosixProfile;
    out.PosixProfile = { Uid: Number(p.Uid), Gid: Number(p.Gid) };
    if (p.SecondaryGids !== undefined) out.PosixProfile.SecondaryGids = p.SecondaryGids.map(Number);
  }
  return out;
}

function isNotFound(err) {
  return Boolean(err) && (err.name === 'ResourceNotFoundException' || err.code === 'ResourceNotFoundException');
}

async function create(props) {
  await transfer.send(new CreateAccessCommand(accessRequest(props)));
  return result(props);
}

/** Delete the access a physical id names; one that is gone already (or was never made) is fine. */
async function remove(id) {
  const match = PHYSICAL_ID.exec(id || '');
  // A resource whose creation failed has a physical id of the framework's: there is nothing to delete.
  if (!match) return;
  try {
    await transfer.send(new DeleteAccessCommand({ ServerId: match[1], ExternalId: match[2] }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

function result(props) {
  return { PhysicalResourceId: physicalId(props), Data: { ServerId: props.ServerId, ExternalId: props.ExternalId } };
}

async function update(id, props, old) {
  // Another server or group is another access: create it under a new physical id, and CloudFormation
  // deletes the old one (with the old id) once the stack update succeeds.
  if (physicalId(props) !== id) return create(props);
  if (UNCLEARABLE.some((k) => old[k] !== undefined && props[k] === undefined)) {
    await remove(id);
    return create(props);
  }
  try {
    await transfer.send(new UpdateAccessCommand(accessRequest(props)));
  } catch (err) {
    // Gone meanwhile (deleted by hand, or by a recreate this update rolls back): make it again.
    if (!isNotFound(err)) throw err;
    await transfer.send(new CreateAccessCommand(accessRequest(props)));
  }
  return result(props);
}

exports.handler = async (event) => {
  const props = event.ResourceProperties || {};
  switch (event.RequestType) {
    case 'Create': return create(props);
    case 'Update': return update(event.PhysicalResourceId, props, event.OldResourceProperties || {});
    case 'Delete':
      await remove(event.PhysicalResourceId);
      return { PhysicalResourceId: event.PhysicalResourceId };
    default: throw new Error(`Unknown request type ${event.RequestType}`);
  }
};

exports.accessRequest = accessRequest;
