import { useSandbox } from './client';

const MB = 1024 * 1024;

describe('sandbox media upload', () => {
	const { sb, client } = useSandbox();

	it('returns media_id and created_at as a string, and remembers the upload', async () => {
		const c = client();
		const before = Math.floor(Date.now() / 1000);
		const res = await c.upload({
			type: 'image',
			filename: 'cover.jpg',
			size: 2048,
			contentType: 'image/jpeg',
		});
		expect(res).toEqual({
			errcode: 0,
			errmsg: '',
			type: 'image',
			media_id: expect.any(String),
			created_at: expect.any(String),
		});
		expect(Number(res.created_at)).toBeGreaterThanOrEqual(before);
		expect(sb().media.get(res.media_id)).toMatchObject({
			type: 'image',
			filename: 'cover.jpg',
			contentType: 'image/jpeg',
			size: 2048,
		});
		const call = sb().callsTo('media/upload')[0];
		expect(call.body).toEqual({
			field: 'media',
			filename: 'cover.jpg',
			contentType: 'image/jpeg',
			size: 2048,
		});
		expect(call.query.type).toBe('image');
	});

	it('enforces field name, type, extension and size rules', async () => {
		const c = client();
		expect(await c.upload({ type: 'image', field: 'file', filename: 'a.png', size: 100 })).toEqual({
			errcode: 40058,
			errmsg: 'media field missing',
		});
		expect((await c.upload({ type: 'gif', filename: 'a.png', size: 100 })).errcode).toBe(40004);
		expect((await c.upload({ filename: 'a.png', size: 100 })).errcode).toBe(40004);
		expect((await c.upload({ type: 'image', filename: 'a.png', size: 5 })).errcode).toBe(40006);
		expect((await c.upload({ type: 'image', filename: 'a.png', size: 6 })).errcode).toBe(0);
		expect((await c.upload({ type: 'image', filename: 'a.gif', size: 100 })).errcode).toBe(40005);
		expect((await c.upload({ type: 'image', filename: 'a.png', size: 10 * MB + 1 })).errcode).toBe(
			40009,
		);
		expect((await c.upload({ type: 'voice', filename: 'a.mp3', size: 100 })).errcode).toBe(40005);
		expect((await c.upload({ type: 'voice', filename: 'a.amr', size: 2 * MB + 1 })).errcode).toBe(
			40010,
		);
		expect((await c.upload({ type: 'video', filename: 'a.mov', size: 100 })).errcode).toBe(40005);
		expect((await c.upload({ type: 'video', filename: 'a.mp4', size: 10 * MB + 1 })).errcode).toBe(
			40011,
		);
		expect((await c.upload({ type: 'file', filename: 'a.zip', size: 20 * MB })).errcode).toBe(0);
		expect((await c.upload({ type: 'file', filename: 'a.zip', size: 20 * MB + 1 })).errcode).toBe(
			40006,
		);
	});

	it('uploadimg returns a permanent URL for jpg/png up to 2 MB', async () => {
		const c = client();
		const ok = await c.upload({ path: '/cgi-bin/media/uploadimg', filename: 'p.png', size: 500 });
		expect(ok).toEqual({
			errcode: 0,
			errmsg: 'ok',
			url: expect.stringMatching(/^https:\/\/wework\.qpic\.cn\/sandbox\/\w+\/0$/),
		});
		expect(
			(await c.upload({ path: '/cgi-bin/media/uploadimg', filename: 'p.bmp', size: 500 })).errcode,
		).toBe(40005);
		expect(
			(await c.upload({ path: '/cgi-bin/media/uploadimg', filename: 'p.jpg', size: 2 * MB + 1 }))
				.errcode,
		).toBe(40009);
		expect(
			(await c.upload({ path: '/cgi-bin/media/uploadimg', filename: 'p.jpg', size: 3 })).errcode,
		).toBe(40006);
	});
});
