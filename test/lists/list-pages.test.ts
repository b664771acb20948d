import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, sessionAgent, staffUser } from '../support/auth';
import { createExpertAs, registerExpert } from '../support/experts.factory';
import { registerEmployer } from '../support/organisations.factory';

let t: TestApp;
let coord: SignedIn;
let agent: Awaited<ReturnType<typeof sessionAgent>>['agent'];
const ids: Record<string, string> = {};

/** The links of a page's pager, decoded from HTML. */
function pagerLink(html: string, rel: 'next' | 'prev'): string | undefined {
  const match = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html);
  return match?.[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
}

beforeAll(async () => {
  t = await startTestApp();
  coord = await staffUser(t.app, 'coordinator');
  agent = (await sessionAgent(t.app, coord.email)).agent;
  for (const name of ['向德明', '向德华', '向德军', '向德兵', '王德明']) {
    ids[name] = await createExpertAs(t.app, coord, { name, residenceCounty: '500114' });
  }
});

afterAll(async () => {
  await t.close();
});

describe('the coordinators’ expert list page', () => {
  it('when a coordinator searches by pinyin initials, skill and county, then the rows link to each expert’s page and the form keeps the query', async () => {
    const res = await agent
      .get('/coordinator/experts')
      .query({ q: 'xd', field: 'health.cardiology', county: '500114', sort: 'name' });
    expect(res.status).toBe(200);
    for (const name of ['向德明', '向德华', '向德军', '向德兵']) {
      expect(res.text).toContain(`<a href="/coordinator/experts/${ids[name]}">${name}</a>`);
    }
    expect(res.text).not.toContain('王德明');
    expect(res.text).toMatch(/id="f-q" name="q" type="search" value="xd"/);
    expect(res.text).toMatch(/<option value="500114" selected>/);
    expect(res.text).toMatch(/<option value="health.cardiology" selected>/);
    expect(res.text).toMatch(/<option value="name" selected>/);
  });

  it('when the next and previous links are followed, then each keeps the whole query and the pages add up', async () => {
    const first = await agent.get('/coordinator/experts').query({ q: 'xiangde', sort: 'name', pageSize: 3 });
    const next = pagerLink(first.text, 'next');
    expect(next).toMatch(/^\/coordinator\/experts\?q=xiangde&sort=name&pageSize=3&cursor=[\w-]+$/);
    const second = await agent.get(String(next));
    expect(second.status).toBe(200);
    expect(pagerLink(second.text, 'next')).toBeUndefined();
    const names = (html: string) =>
      [...html.matchAll(/\/coordinator\/experts\/[a-f0-9]{24}">([^<]+)</g)].map((m) => m[1]);
    expect([...names(first.text), ...names(second.text)].sort()).toEqual([
      '向德兵',
      '向德军',
      '向德华',
      '向德明',
    ]);
    const back = await agent.get(String(pagerLink(second.text, 'prev')));
    expect(names(back.text)).toEqual(names(first.text));
  });

  it('when a bookmarked URL is opened again, then it shows the same search', async () => {
    const url = '/coordinator/experts?q=%E5%90%91%E5%BE%B7&sort=-name';
    const res = await agent.get(url);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/value="向德"/);
    expect(res.text).toContain('共找到 4 位专家');
  });

  it('when the link is broken (a bad cursor, a page size over the bound), then the page says so with a 400', async () => {
    const bad = await agent.get('/coordinator/experts').query({ q: 'xd', cursor: 'bm90IGpzb24' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('这个翻页链接已失效或有误');
    expect(bad.text).toContain('href="/coordinator/experts?q&#x3D;xd"');
    const big = await agent.get('/coordinator/experts').query({ pageSize: 500 });
    expect(big.status).toBe(400);
  });
});

describe('who may see the lists', () => {
  const PATHS = [
    '/coordinator/experts',
    '/coordinator/needs',
    '/coordinator/organisations',
    '/coordinator/matches',
  ];

  it('when a coordinator opens each list, then it answers 200', async () => {
    for (const path of PATHS) expect((await agent.get(path)).status).toBe(200);
  });

  it('when an expert or an employer opens them, then they are refused; a visitor is sent to sign in', async () => {
    const expert = await registerExpert(t.app);
    const employer = await registerEmployer(t.app);
    for (const email of [expert.email, employer.email]) {
      const other = (await sessionAgent(t.app, email)).agent;
      for (const path of PATHS) expect((await other.get(path)).status).toBe(403);
    }
    const anonymous = await request(t.app).get('/coordinator/experts?q=xd');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fcoordinator%2Fexperts%3Fq%3Dxd');
  });
});
