/**
 * Active ISO 4217 currency codes (2026), without precious metals, testing and SDR codes, which
 * HubSpot does not offer as a campaign currency. ANG and BGN stay accepted while HubSpot portals
 * may still hold them (replaced by XCG in 2025 and EUR in 2026).
 */
export const ISO_4217_CODES: readonly string[] = (
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
  "CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL " +
  "GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD " +
  "KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO " +
  "NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD " +
  "SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV " +
  "WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG"
).split(" ");

const CODE_SET = new Set(ISO_4217_CODES);

/** Case-sensitive on purpose: HubSpot stores upper-case codes and rejects `usd`. */
export const isCurrencyCode = (code: string) => CODE_SET.has(code);
