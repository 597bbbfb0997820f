// Drives the fake API with SignalWire's official Node SDK, as a user's app
// would. TestNodeSDK (node_sdk_test.go) seeds the fake, passes what it
// seeded in FAKE_FIXTURE, runs this file with `node --test`, and then checks
// the fake's state and request log.
'use strict'

const test = require('node:test')
const assert = require('node:assert/strict')
const { RestClient } = require('@signalwire/compatibility-api')

const fx = JSON.parse(process.env.FAKE_FIXTURE)

// client is the SDK as documented, with its API base pointed at the fake's
// space root: it addresses /2010-04-01/Accounts/... there.
function client (token = fx.token, base = fx.baseUrl) {
  const c = RestClient(fx.project, token, { signalwireSpaceUrl: 'fake.signalwire.test' })
  c.api.baseUrl = base
  return c
}

const room = () => client().conferences(fx.conference)

test('fetch a conference', async () => {
  const conf = await room().fetch()
  assert.equal(conf.sid, fx.conference)
  assert.equal(conf.accountSid, fx.project)
  assert.equal(conf.friendlyName, fx.friendlyName)
  assert.equal(conf.status, 'in-progress')
  assert.ok(conf.dateCreated instanceof Date && !isNaN(conf.dateCreated))
})

test('fetch a participant', async () => {
  const p = await room().participants(fx.calls[0]).fetch()
  assert.equal(p.callSid, fx.calls[0])
  assert.equal(p.conferenceSid, fx.conference)
  assert.equal(p.accountSid, fx.project)
  assert.equal(p.muted, fx.muted.includes(fx.calls[0]))
  assert.equal(p.hold, fx.held.includes(fx.calls[0]))
})

test('list conferences, filtered by friendly name and status, one per page', async () => {
  const inProgress = await client().conferences.list({ friendlyName: fx.friendlyName, status: 'in-progress', pageSize: 1 })
  assert.deepEqual(inProgress.map(c => c.sid).sort(), [...fx.sameName].sort())
  for (const c of inProgress) {
    assert.equal(c.friendlyName, fx.friendlyName)
    assert.equal(c.status, 'in-progress')
  }
  const completed = await client().conferences.list({ friendlyName: fx.friendlyName, status: 'completed', pageSize: 1 })
  assert.deepEqual(completed.map(c => c.sid), [fx.completed])
})

test('list participants, two per page, unfiltered and by muted and hold', async () => {
  const all = await room().participants.list({ pageSize: 2 })
  assert.deepEqual(all.map(p => p.callSid).sort(), [...fx.calls].sort())
  const muted = await room().participants.list({ muted: true, pageSize: 2 })
  assert.deepEqual(muted.map(p => p.callSid).sort(), [...fx.muted].sort())
  const held = await room().participants.list({ hold: true, pageSize: 2 })
  assert.deepEqual(held.map(p => p.callSid).sort(), [...fx.held].sort())
  const both = await room().participants.list({ muted: true, hold: false, pageSize: 1 })
  assert.deepEqual(both.map(p => p.callSid).sort(), fx.muted.filter(c => !fx.held.includes(c)).sort())
})

test('paging also works with /api/laml added to the base URL', async () => {
  const laml = client(fx.token, fx.baseUrl + '/api/laml').conferences(fx.conference)
  const all = await laml.participants.list({ pageSize: 2 })
  assert.deepEqual(all.map(p => p.callSid).sort(), [...fx.calls].sort())
})

test('update every participant field', async () => {
  const p = await room().participants(fx.target).update({
    muted: true,
    hold: true,
    holdUrl: 'https://example.com/hold.xml',
    holdMethod: 'POST',
    announceUrl: 'https://example.com/announce.xml',
    announceMethod: 'GET',
    waitUrl: 'https://example.com/wait.xml',
    waitMethod: 'GET',
    coaching: true,
    callSidToCoach: fx.coachee
  })
  assert.equal(p.callSid, fx.target)
  assert.equal(p.muted, true)
  assert.equal(p.hold, true)
  assert.equal(p.coaching, true)
  assert.equal(p.callSidToCoach, fx.coachee)
  const back = await room().participants(fx.target).update({ muted: false, hold: false, coaching: false })
  assert.equal(back.muted, false)
  assert.equal(back.hold, false)
  assert.equal(back.coaching, false)
  assert.equal(back.callSidToCoach, null)
})

test('remove a participant', async () => {
  assert.equal(await room().participants(fx.leaver).remove(), true)
  await assert.rejects(room().participants(fx.leaver).fetch(), { status: 404, code: 20404 })
})

test('a participant that is not there is a 404', async () => {
  await assert.rejects(room().participants(fx.stranger).fetch(), err => {
    assert.equal(err.status, 404)
    assert.equal(err.code, 20404)
    assert.match(err.message, /not found/)
    return true
  })
})

test('a wrong token is a 401', async () => {
  await assert.rejects(client('PTwrong-token').conferences(fx.conference).fetch(), err => {
    assert.equal(err.status, 401)
    assert.equal(err.code, 20003)
    return true
  })
})
