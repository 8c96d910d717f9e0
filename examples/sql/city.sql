DROP TABLE IF EXISTS City
CREATE TABLE City (ID INT(11), Name CHAR(35), CountryCode CHAR(3), District CHAR(20), Population INT(11), PRIMARY KEY (ID, CountryCode)) WITH "affinityKey=CountryCode"
CREATE INDEX idx_country_code ON city (CountryCode)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3793, 'New York', 'USA', 'New York', 8008278)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3794, 'Los Angeles', 'USA', 'California', 3694820)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3795, 'Chicago', 'USA', 'Illinois', 2896016)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3796, 'Houston', 'USA', 'Texas', 1953631)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3797, 'Philadelphia', 'USA', 'Pennsylvania', 1517550)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3798, 'Phoenix', 'USA', 'Arizona', 1321045)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3799, 'San Diego', 'USA', 'California', 1223400)
INSERT INTO City(ID, Name, CountryCode, District, Population) VALUES (3800, 'Dallas', 'USA', 'Texas', 1188580)
SELECT * FROM City ORDER BY ID
