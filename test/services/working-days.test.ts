import {
  addWorkingDays,
  buildCalendar,
  isWorkingDay,
  serviceDeadlines,
  WORKING_CALENDAR,
  workingDaysBetween,
} from '../../src/modules/services/working-days';

const cal = WORKING_CALENDAR;

describe('the 2026 calendar (State Council notice of 2025-11-04)', () => {
  test('when a weekend is an adjusted working day (调休上班), then it counts; a weekday in a break does not', () => {
    for (const day of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
      expect(isWorkingDay(day, cal)).toBe(true);
    for (const day of ['2026-02-16', '2026-02-23', '2026-05-05', '2026-06-19', '2026-10-07'])
      expect(isWorkingDay(day, cal)).toBe(false);
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // an ordinary Saturday
  });

  test('when counting over the Spring Festival, then the break is skipped and the working Saturdays count', () => {
    // Fri 13 Feb + 1 → Sat 14 Feb (worked); + 2 → Tue 24 Feb after the break (15–23 Feb off)
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-28', cal)).toBe(6); // 14, 24, 25, 26, 27, 28
  });

  test('when counting over National Day, then 1–7 Oct are off and Sat 10 Oct is worked', () => {
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-18', 1, cal)).toBe('2026-09-20'); // Fri → the worked Sunday
  });

  test('when n is 0, then the day itself if working, else the next working day', () => {
    expect(addWorkingDays('2026-03-09', 0, cal)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 0, cal)).toBe('2026-03-09');
    expect(() => addWorkingDays('2026-03-09', -1, cal)).toThrow(RangeError);
  });
});

describe('across the year boundary', () => {
  test('when counting from late December 2026, then 1 Jan 2027 (provisional file) is off', () => {
    expect(cal.years[2026]).toBe('official');
    expect(cal.years[2027]).toBe('provisional');
    // Thu 31 Dec 2026 + 1 → Mon 4 Jan 2027 (Fri 1 Jan off, then the weekend)
    expect(addWorkingDays('2026-12-31', 1, cal)).toBe('2027-01-04');
    expect(workingDaysBetween('2026-12-25', '2027-01-08', cal)).toBe(9);
    expect(workingDaysBetween('2027-01-08', '2026-12-25', cal)).toBe(0);
  });

  test('when a year has no file, then it counts as plain Monday to Friday', () => {
    const none = buildCalendar([]);
    expect(addWorkingDays('2026-01-01', 1, none)).toBe('2026-01-02');
    expect(workingDaysBetween('2030-01-04', '2030-01-11', none)).toBe(5);
  });
});

describe('service deadlines', () => {
  test('when filed on a Friday afternoon for 3 working days, then due at the end of Wednesday, China time, reminded at the end of Tuesday', () => {
    const filed = new Date('2026-03-13T07:00:00Z'); // Fri 15:00 in Beijing
    const d = serviceDeadlines(filed, 3, cal);
    expect(d.dueDay).toBe('2026-03-18');
    expect(d.dueAt.toISOString()).toBe('2026-03-18T15:59:59.999Z');
    expect(d.remindAt.toISOString()).toBe('2026-03-17T15:59:59.999Z');
  });

  test('when filed late in the evening (already the next day in Beijing), then counting starts from the Beijing day', () => {
    const filed = new Date('2026-04-30T17:00:00Z'); // Fri 1 May 01:00 in Beijing, a holiday
    expect(serviceDeadlines(filed, 1, cal).dueDay).toBe('2026-05-06');
  });
});
