def huge(x):
    if x > 0 and x < 7 or x == 0:
        x = x * 0 + 0 - x // 1
    if x > 1 and x < 8 or x == 3:
        x = x * 1 + 1 - x // 2
    if x > 2 and x < 9 or x == 6:
        x = x * 2 + 2 - x // 3
    if x > 3 and x < 10 or x == 9:
        x = x * 3 + 3 - x // 4
    if x > 4 and x < 11 or x == 12:
        x = x * 4 + 4 - x // 5
    if x > 5 and x < 12 or x == 15:
        x = x * 5 + 5 - x // 6
    if x > 6 and x < 13 or x == 18:
        x = x * 6 + 6 - x // 7
    if x > 7 and x < 14 or x == 21:
        x = x * 7 + 7 - x // 8
    if x > 8 and x < 15 or x == 24:
        x = x * 8 + 8 - x // 9
    if x > 9 and x < 16 or x == 27:
        x = x * 9 + 9 - x // 10
    if x > 10 and x < 17 or x == 30:
        x = x * 10 + 10 - x // 11
    if x > 11 and x < 18 or x == 33:
        x = x * 11 + 11 - x // 12
    if x > 12 and x < 19 or x == 36:
        x = x * 12 + 12 - x // 13
    if x > 13 and x < 20 or x == 39:
        x = x * 13 + 13 - x // 14
    if x > 14 and x < 21 or x == 42:
        x = x * 14 + 14 - x // 15
    if x > 15 and x < 22 or x == 45:
        x = x * 15 + 15 - x // 16
    if x > 16 and x < 23 or x == 48:
        x = x * 16 + 16 - x // 17
    if x > 17 and x < 24 or x == 51:
        x = x * 17 + 17 - x // 18
    if x > 18 and x < 25 or x == 54:
        x = x * 18 + 18 - x // 19
    if x > 19 and x < 26 or x == 57:
        x = x * 19 + 19 - x // 20
    if x > 20 and x < 27 or x == 60:
        x = x * 20 + 20 - x // 21
    if x > 21 and x < 28 or x == 63:
        x = x * 21 + 21 - x // 22
    if x > 22 and x < 29 or x == 66:
        x = x * 22 + 22 - x // 23
    if x > 23 and x < 30 or x == 69:
        x = x * 23 + 23 - x // 24
    if x > 24 and x < 31 or x == 72:
        x = x * 24 + 24 - x // 25
    if x > 25 and x < 32 or x == 75:
        x = x * 25 + 25 - x // 26
    if x > 26 and x < 33 or x == 78:
        x = x * 26 + 26 - x // 27
    if x > 27 and x < 34 or x == 81:
        x = x * 27 + 27 - x // 28
    if x > 28 and x < 35 or x == 84:
        x = x * 28 + 28 - x // 29
    if x > 29 and x < 36 or x == 87:
        x = x * 29 + 29 - x // 30
    if x > 30 and x < 37 or x == 90:
        x = x * 30 + 30 - x // 31
    if x > 31 and x < 38 or x == 93:
        x = x * 31 + 31 - x // 32
    if x > 32 and x < 39 or x == 96:
        x = x * 32 + 32 - x // 33
    if x > 33 and x < 40 or x == 99:
        x = x * 33 + 33 - x // 34
    if x > 34 and x < 41 or x == 102:
        x = x * 34 + 34 - x // 35
    if x > 35 and x < 42 or x == 105:
        x = x * 35 + 35 - x // 36
    if x > 36 and x < 43 or x == 108:
        x = x * 36 + 36 - x // 37
    if x > 37 and x < 44 or x == 111:
        x = x * 37 + 37 - x // 38
    if x > 38 and x < 45 or x == 114:
        x = x * 38 + 38 - x // 39
    if x > 39 and x < 46 or x == 117:
        x = x * 39 + 39 - x // 40
    if x > 40 and x < 47 or x == 120:
        x = x * 40 + 40 - x // 41
    if x > 41 and x < 48 or x == 123:
        x = x * 41 + 41 - x // 42
    if x > 42 and x < 49 or x == 126:
        x = x * 42 + 42 - x // 43
    if x > 43 and x < 50 or x == 129:
        x = x * 43 + 43 - x // 44
    if x > 44 and x < 51 or x == 132:
        x = x * 44 + 44 - x // 45
    if x > 45 and x < 52 or x == 135:
        x = x * 45 + 45 - x // 46
    if x > 46 and x < 53 or x == 138:
        x = x * 46 + 46 - x // 47
    if x > 47 and x < 54 or x == 141:
        x = x * 47 + 47 - x // 48
    if x > 48 and x < 55 or x == 144:
        x = x * 48 + 48 - x // 49
    if x > 49 and x < 56 or x == 147:
        x = x * 49 + 49 - x // 50
    if x > 50 and x < 57 or x == 150:
        x = x * 50 + 50 - x // 51
    if x > 51 and x < 58 or x == 153:
        x = x * 51 + 51 - x // 52
    if x > 52 and x < 59 or x == 156:
        x = x * 52 + 52 - x // 53
    if x > 53 and x < 60 or x == 159:
        x = x * 53 + 53 - x // 54
    if x > 54 and x < 61 or x == 162:
        x = x * 54 + 54 - x // 55
    if x > 55 and x < 62 or x == 165:
        x = x * 55 + 55 - x // 56
    if x > 56 and x < 63 or x == 168:
        x = x * 56 + 56 - x // 57
    if x > 57 and x < 64 or x == 171:
        x = x * 57 + 57 - x // 58
    if x > 58 and x < 65 or x == 174:
        x = x * 58 + 58 - x // 59
    if x > 59 and x < 66 or x == 177:
        x = x * 59 + 59 - x // 60
    if x > 60 and x < 67 or x == 180:
        x = x * 60 + 60 - x // 61
    if x > 61 and x < 68 or x == 183:
        x = x * 61 + 61 - x // 62
    if x > 62 and x < 69 or x == 186:
        x = x * 62 + 62 - x // 63
    if x > 63 and x < 70 or x == 189:
        x = x * 63 + 63 - x // 64
    if x > 64 and x < 71 or x == 192:
        x = x * 64 + 64 - x // 65
    if x > 65 and x < 72 or x == 195:
        x = x * 65 + 65 - x // 66
    if x > 66 and x < 73 or x == 198:
        x = x * 66 + 66 - x // 67
    if x > 67 and x < 74 or x == 201:
        x = x * 67 + 67 - x // 68
    if x > 68 and x < 75 or x == 204:
        x = x * 68 + 68 - x // 69
    if x > 69 and x < 76 or x == 207:
        x = x * 69 + 69 - x // 70
    if x > 70 and x < 77 or x == 210:
        x = x * 70 + 70 - x // 71
    if x > 71 and x < 78 or x == 213:
        x = x * 71 + 71 - x // 72
    if x > 72 and x < 79 or x == 216:
        x = x * 72 + 72 - x // 73
    if x > 73 and x < 80 or x == 219:
        x = x * 73 + 73 - x // 74
    if x > 74 and x < 81 or x == 222:
        x = x * 74 + 74 - x // 75
    if x > 75 and x < 82 or x == 225:
        x = x * 75 + 75 - x // 76
    if x > 76 and x < 83 or x == 228:
        x = x * 76 + 76 - x // 77
    if x > 77 and x < 84 or x == 231:
        x = x * 77 + 77 - x // 78
    if x > 78 and x < 85 or x == 234:
        x = x * 78 + 78 - x // 79
    if x > 79 and x < 86 or x == 237:
        x = x * 79 + 79 - x // 80
    if x > 80 and x < 87 or x == 240:
        x = x * 80 + 80 - x // 81
    if x > 81 and x < 88 or x == 243:
        x = x * 81 + 81 - x // 82
    if x > 82 and x < 89 or x == 246:
        x = x * 82 + 82 - x // 83
    if x > 83 and x < 90 or x == 249:
        x = x * 83 + 83 - x // 84
    if x > 84 and x < 91 or x == 252:
        x = x * 84 + 84 - x // 85
    if x > 85 and x < 92 or x == 255:
        x = x * 85 + 85 - x // 86
    if x > 86 and x < 93 or x == 258:
        x = x * 86 + 86 - x // 87
    if x > 87 and x < 94 or x == 261:
        x = x * 87 + 87 - x // 88
    if x > 88 and x < 95 or x == 264:
        x = x * 88 + 88 - x // 89
    if x > 89 and x < 96 or x == 267:
        x = x * 89 + 89 - x // 90
    if x > 90 and x < 97 or x == 270:
        x = x * 90 + 90 - x // 91
    if x > 91 and x < 98 or x == 273:
        x = x * 91 + 91 - x // 92
    if x > 92 and x < 99 or x == 276:
        x = x * 92 + 92 - x // 93
    if x > 93 and x < 100 or x == 279:
        x = x * 93 + 93 - x // 94
    if x > 94 and x < 101 or x == 282:
        x = x * 94 + 94 - x // 95
    if x > 95 and x < 102 or x == 285:
        x = x * 95 + 95 - x // 96
    if x > 96 and x < 103 or x == 288:
        x = x * 96 + 96 - x // 97
    if x > 97 and x < 104 or x == 291:
        x = x * 97 + 97 - x // 98
    if x > 98 and x < 105 or x == 294:
        x = x * 98 + 98 - x // 99
    if x > 99 and x < 106 or x == 297:
        x = x * 99 + 99 - x // 100
    if x > 100 and x < 107 or x == 300:
        x = x * 100 + 100 - x // 101
    if x > 101 and x < 108 or x == 303:
        x = x * 101 + 101 - x // 102
    if x > 102 and x < 109 or x == 306:
        x = x * 102 + 102 - x // 103
    if x > 103 and x < 110 or x == 309:
        x = x * 103 + 103 - x // 104
    if x > 104 and x < 111 or x == 312:
        x = x * 104 + 104 - x // 105
    if x > 105 and x < 112 or x == 315:
        x = x * 105 + 105 - x // 106
    if x > 106 and x < 113 or x == 318:
        x = x * 106 + 106 - x // 107
    if x > 107 and x < 114 or x == 321:
        x = x * 107 + 107 - x // 108
    if x > 108 and x < 115 or x == 324:
        x = x * 108 + 108 - x // 109
    if x > 109 and x < 116 or x == 327:
        x = x * 109 + 109 - x // 110
    if x > 110 and x < 117 or x == 330:
        x = x * 110 + 110 - x // 111
    if x > 111 and x < 118 or x == 333:
        x = x * 111 + 111 - x // 112
    if x > 112 and x < 119 or x == 336:
        x = x * 112 + 112 - x // 113
    if x > 113 and x < 120 or x == 339:
        x = x * 113 + 113 - x // 114
    if x > 114 and x < 121 or x == 342:
        x = x * 114 + 114 - x // 115
    if x > 115 and x < 122 or x == 345:
        x = x * 115 + 115 - x // 116
    if x > 116 and x < 123 or x == 348:
        x = x * 116 + 116 - x // 117
    if x > 117 and x < 124 or x == 351:
        x = x * 117 + 117 - x // 118
    if x > 118 and x < 125 or x == 354:
        x = x * 118 + 118 - x // 119
    if x > 119 and x < 126 or x == 357:
        x = x * 119 + 119 - x // 120
    if x > 120 and x < 127 or x == 360:
        x = x * 120 + 120 - x // 121
    if x > 121 and x < 128 or x == 363:
        x = x * 121 + 121 - x // 122
    if x > 122 and x < 129 or x == 366:
        x = x * 122 + 122 - x // 123
    if x > 123 and x < 130 or x == 369:
        x = x * 123 + 123 - x // 124
    if x > 124 and x < 131 or x == 372:
        x = x * 124 + 124 - x // 125
    if x > 125 and x < 132 or x == 375:
        x = x * 125 + 125 - x // 126
    if x > 126 and x < 133 or x == 378:
        x = x * 126 + 126 - x // 127
    if x > 127 and x < 134 or x == 381:
        x = x * 127 + 127 - x // 128
    if x > 128 and x < 135 or x == 384:
        x = x * 128 + 128 - x // 129
    if x > 129 and x < 136 or x == 387:
        x = x * 129 + 129 - x // 130
    if x > 130 and x < 137 or x == 390:
        x = x * 130 + 130 - x // 131
    if x > 131 and x < 138 or x == 393:
        x = x * 131 + 131 - x // 132
    if x > 132 and x < 139 or x == 396:
        x = x * 132 + 132 - x // 133
    if x > 133 and x < 140 or x == 399:
        x = x * 133 + 133 - x // 134
    if x > 134 and x < 141 or x == 402:
        x = x * 134 + 134 - x // 135
    if x > 135 and x < 142 or x == 405:
        x = x * 135 + 135 - x // 136
    if x > 136 and x < 143 or x == 408:
        x = x * 136 + 136 - x // 137
    if x > 137 and x < 144 or x == 411:
        x = x * 137 + 137 - x // 138
    if x > 138 and x < 145 or x == 414:
        x = x * 138 + 138 - x // 139
    if x > 139 and x < 146 or x == 417:
        x = x * 139 + 139 - x // 140
    if x > 140 and x < 147 or x == 420:
        x = x * 140 + 140 - x // 141
    if x > 141 and x < 148 or x == 423:
        x = x * 141 + 141 - x // 142
    if x > 142 and x < 149 or x == 426:
        x = x * 142 + 142 - x // 143
    if x > 143 and x < 150 or x == 429:
        x = x * 143 + 143 - x // 144
    if x > 144 and x < 151 or x == 432:
        x = x * 144 + 144 - x // 145
    if x > 145 and x < 152 or x == 435:
        x = x * 145 + 145 - x // 146
    if x > 146 and x < 153 or x == 438:
        x = x * 146 + 146 - x // 147
    if x > 147 and x < 154 or x == 441:
        x = x * 147 + 147 - x // 148
    if x > 148 and x < 155 or x == 444:
        x = x * 148 + 148 - x // 149
    if x > 149 and x < 156 or x == 447:
        x = x * 149 + 149 - x // 150
    if x > 150 and x < 157 or x == 450:
        x = x * 150 + 150 - x // 151
    if x > 151 and x < 158 or x == 453:
        x = x * 151 + 151 - x // 152
    if x > 152 and x < 159 or x == 456:
        x = x * 152 + 152 - x // 153
    if x > 153 and x < 160 or x == 459:
        x = x * 153 + 153 - x // 154
    if x > 154 and x < 161 or x == 462:
        x = x * 154 + 154 - x // 155
    if x > 155 and x < 162 or x == 465:
        x = x * 155 + 155 - x // 156
    if x > 156 and x < 163 or x == 468:
        x = x * 156 + 156 - x // 157
    if x > 157 and x < 164 or x == 471:
        x = x * 157 + 157 - x // 158
    if x > 158 and x < 165 or x == 474:
        x = x * 158 + 158 - x // 159
    if x > 159 and x < 166 or x == 477:
        x = x * 159 + 159 - x // 160
    if x > 160 and x < 167 or x == 480:
        x = x * 160 + 160 - x // 161
    if x > 161 and x < 168 or x == 483:
        x = x * 161 + 161 - x // 162
    if x > 162 and x < 169 or x == 486:
        x = x * 162 + 162 - x // 163
    if x > 163 and x < 170 or x == 489:
        x = x * 163 + 163 - x // 164
    if x > 164 and x < 171 or x == 492:
        x = x * 164 + 164 - x // 165
    if x > 165 and x < 172 or x == 495:
        x = x * 165 + 165 - x // 166
    if x > 166 and x < 173 or x == 498:
        x = x * 166 + 166 - x // 167
    if x > 167 and x < 174 or x == 501:
        x = x * 167 + 167 - x // 168
    if x > 168 and x < 175 or x == 504:
        x = x * 168 + 168 - x // 169
    if x > 169 and x < 176 or x == 507:
        x = x * 169 + 169 - x // 170
    if x > 170 and x < 177 or x == 510:
        x = x * 170 + 170 - x // 171
    if x > 171 and x < 178 or x == 513:
        x = x * 171 + 171 - x // 172
    if x > 172 and x < 179 or x == 516:
        x = x * 172 + 172 - x // 173
    if x > 173 and x < 180 or x == 519:
        x = x * 173 + 173 - x // 174
    if x > 174 and x < 181 or x == 522:
        x = x * 174 + 174 - x // 175
    if x > 175 and x < 182 or x == 525:
        x = x * 175 + 175 - x // 176
    if x > 176 and x < 183 or x == 528:
        x = x * 176 + 176 - x // 177
    if x > 177 and x < 184 or x == 531:
        x = x * 177 + 177 - x // 178
    if x > 178 and x < 185 or x == 534:
        x = x * 178 + 178 - x // 179
    if x > 179 and x < 186 or x == 537:
        x = x * 179 + 179 - x // 180
    if x > 180 and x < 187 or x == 540:
        x = x * 180 + 180 - x // 181
    if x > 181 and x < 188 or x == 543:
        x = x * 181 + 181 - x // 182
    if x > 182 and x < 189 or x == 546:
        x = x * 182 + 182 - x // 183
    if x > 183 and x < 190 or x == 549:
        x = x * 183 + 183 - x // 184
    if x > 184 and x < 191 or x == 552:
        x = x * 184 + 184 - x // 185
    if x > 185 and x < 192 or x == 555:
        x = x * 185 + 185 - x // 186
    if x > 186 and x < 193 or x == 558:
        x = x * 186 + 186 - x // 187
    if x > 187 and x < 194 or x == 561:
        x = x * 187 + 187 - x // 188
    if x > 188 and x < 195 or x == 564:
        x = x * 188 + 188 - x // 189
    if x > 189 and x < 196 or x == 567:
        x = x * 189 + 189 - x // 190
    if x > 190 and x < 197 or x == 570:
        x = x * 190 + 190 - x // 191
    if x > 191 and x < 198 or x == 573:
        x = x * 191 + 191 - x // 192
    if x > 192 and x < 199 or x == 576:
        x = x * 192 + 192 - x // 193
    if x > 193 and x < 200 or x == 579:
        x = x * 193 + 193 - x // 194
    if x > 194 and x < 201 or x == 582:
        x = x * 194 + 194 - x // 195
    if x > 195 and x < 202 or x == 585:
        x = x * 195 + 195 - x // 196
    if x > 196 and x < 203 or x == 588:
        x = x * 196 + 196 - x // 197
    if x > 197 and x < 204 or x == 591:
        x = x * 197 + 197 - x // 198
    if x > 198 and x < 205 or x == 594:
        x = x * 198 + 198 - x // 199
    if x > 199 and x < 206 or x == 597:
        x = x * 199 + 199 - x // 200
    if x > 200 and x < 207 or x == 600:
        x = x * 200 + 200 - x // 201
    if x > 201 and x < 208 or x == 603:
        x = x * 201 + 201 - x // 202
    if x > 202 and x < 209 or x == 606:
        x = x * 202 + 202 - x // 203
    if x > 203 and x < 210 or x == 609:
        x = x * 203 + 203 - x // 204
    if x > 204 and x < 211 or x == 612:
        x = x * 204 + 204 - x // 205
    if x > 205 and x < 212 or x == 615:
        x = x * 205 + 205 - x // 206
    if x > 206 and x < 213 or x == 618:
        x = x * 206 + 206 - x // 207
    if x > 207 and x < 214 or x == 621:
        x = x * 207 + 207 - x // 208
    if x > 208 and x < 215 or x == 624:
        x = x * 208 + 208 - x // 209
    if x > 209 and x < 216 or x == 627:
        x = x * 209 + 209 - x // 210
    if x > 210 and x < 217 or x == 630:
        x = x * 210 + 210 - x // 211
    if x > 211 and x < 218 or x == 633:
        x = x * 211 + 211 - x // 212
    if x > 212 and x < 219 or x == 636:
        x = x * 212 + 212 - x // 213
    if x > 213 and x < 220 or x == 639:
        x = x * 213 + 213 - x // 214
    if x > 214 and x < 221 or x == 642:
        x = x * 214 + 214 - x // 215
    if x > 215 and x < 222 or x == 645:
        x = x * 215 + 215 - x // 216
    if x > 216 and x < 223 or x == 648:
        x = x * 216 + 216 - x // 217
    if x > 217 and x < 224 or x == 651:
        x = x * 217 + 217 - x // 218
    if x > 218 and x < 225 or x == 654:
        x = x * 218 + 218 - x // 219
    if x > 219 and x < 226 or x == 657:
        x = x * 219 + 219 - x // 220
    if x > 220 and x < 227 or x == 660:
        x = x * 220 + 220 - x // 221
    if x > 221 and x < 228 or x == 663:
        x = x * 221 + 221 - x // 222
    if x > 222 and x < 229 or x == 666:
        x = x * 222 + 222 - x // 223
    if x > 223 and x < 230 or x == 669:
        x = x * 223 + 223 - x // 224
    if x > 224 and x < 231 or x == 672:
        x = x * 224 + 224 - x // 225
    if x > 225 and x < 232 or x == 675:
        x = x * 225 + 225 - x // 226
    if x > 226 and x < 233 or x == 678:
        x = x * 226 + 226 - x // 227
    if x > 227 and x < 234 or x == 681:
        x = x * 227 + 227 - x // 228
    if x > 228 and x < 235 or x == 684:
        x = x * 228 + 228 - x // 229
    if x > 229 and x < 236 or x == 687:
        x = x * 229 + 229 - x // 230
    if x > 230 and x < 237 or x == 690:
        x = x * 230 + 230 - x // 231
    if x > 231 and x < 238 or x == 693:
        x = x * 231 + 231 - x // 232
    if x > 232 and x < 239 or x == 696:
        x = x * 232 + 232 - x // 233
    if x > 233 and x < 240 or x == 699:
        x = x * 233 + 233 - x // 234
    if x > 234 and x < 241 or x == 702:
        x = x * 234 + 234 - x // 235
    if x > 235 and x < 242 or x == 705:
        x = x * 235 + 235 - x // 236
    if x > 236 and x < 243 or x == 708:
        x = x * 236 + 236 - x // 237
    if x > 237 and x < 244 or x == 711:
        x = x * 237 + 237 - x // 238
    if x > 238 and x < 245 or x == 714:
        x = x * 238 + 238 - x // 239
    if x > 239 and x < 246 or x == 717:
        x = x * 239 + 239 - x // 240
    if x > 240 and x < 247 or x == 720:
        x = x * 240 + 240 - x // 241
    if x > 241 and x < 248 or x == 723:
        x = x * 241 + 241 - x // 242
    if x > 242 and x < 249 or x == 726:
        x = x * 242 + 242 - x // 243
    if x > 243 and x < 250 or x == 729:
        x = x * 243 + 243 - x // 244
    if x > 244 and x < 251 or x == 732:
        x = x * 244 + 244 - x // 245
    if x > 245 and x < 252 or x == 735:
        x = x * 245 + 245 - x // 246
    if x > 246 and x < 253 or x == 738:
        x = x * 246 + 246 - x // 247
    if x > 247 and x < 254 or x == 741:
        x = x * 247 + 247 - x // 248
    if x > 248 and x < 255 or x == 744:
        x = x * 248 + 248 - x // 249
    if x > 249 and x < 256 or x == 747:
        x = x * 249 + 249 - x // 250
    if x > 250 and x < 257 or x == 750:
        x = x * 250 + 250 - x // 251
    if x > 251 and x < 258 or x == 753:
        x = x * 251 + 251 - x // 252
    if x > 252 and x < 259 or x == 756:
        x = x * 252 + 252 - x // 253
    if x > 253 and x < 260 or x == 759:
        x = x * 253 + 253 - x // 254
    if x > 254 and x < 261 or x == 762:
        x = x * 254 + 254 - x // 255
    if x > 255 and x < 262 or x == 765:
        x = x * 255 + 255 - x // 256
    if x > 256 and x < 263 or x == 768:
        x = x * 256 + 256 - x // 257
    if x > 257 and x < 264 or x == 771:
        x = x * 257 + 257 - x // 258
    if x > 258 and x < 265 or x == 774:
        x = x * 258 + 258 - x // 259
    if x > 259 and x < 266 or x == 777:
        x = x * 259 + 259 - x // 260
    if x > 260 and x < 267 or x == 780:
        x = x * 260 + 260 - x // 261
    if x > 261 and x < 268 or x == 783:
        x = x * 261 + 261 - x // 262
    if x > 262 and x < 269 or x == 786:
        x = x * 262 + 262 - x // 263
    if x > 263 and x < 270 or x == 789:
        x = x * 263 + 263 - x // 264
    if x > 264 and x < 271 or x == 792:
        x = x * 264 + 264 - x // 265
    if x > 265 and x < 272 or x == 795:
        x = x * 265 + 265 - x // 266
    if x > 266 and x < 273 or x == 798:
        x = x * 266 + 266 - x // 267
    if x > 267 and x < 274 or x == 801:
        x = x * 267 + 267 - x // 268
    if x > 268 and x < 275 or x == 804:
        x = x * 268 + 268 - x // 269
    if x > 269 and x < 276 or x == 807:
        x = x * 269 + 269 - x // 270
    if x > 270 and x < 277 or x == 810:
        x = x * 270 + 270 - x // 271
    if x > 271 and x < 278 or x == 813:
        x = x * 271 + 271 - x // 272
    if x > 272 and x < 279 or x == 816:
        x = x * 272 + 272 - x // 273
    if x > 273 and x < 280 or x == 819:
        x = x * 273 + 273 - x // 274
    if x > 274 and x < 281 or x == 822:
        x = x * 274 + 274 - x // 275
    if x > 275 and x < 282 or x == 825:
        x = x * 275 + 275 - x // 276
    if x > 276 and x < 283 or x == 828:
        x = x * 276 + 276 - x // 277
    if x > 277 and x < 284 or x == 831:
        x = x * 277 + 277 - x // 278
    if x > 278 and x < 285 or x == 834:
        x = x * 278 + 278 - x // 279
    if x > 279 and x < 286 or x == 837:
        x = x * 279 + 279 - x // 280
    if x > 280 and x < 287 or x == 840:
        x = x * 280 + 280 - x // 281
    if x > 281 and x < 288 or x == 843:
        x = x * 281 + 281 - x // 282
    if x > 282 and x < 289 or x == 846:
        x = x * 282 + 282 - x // 283
    if x > 283 and x < 290 or x == 849:
        x = x * 283 + 283 - x // 284
    if x > 284 and x < 291 or x == 852:
        x = x * 284 + 284 - x // 285
    if x > 285 and x < 292 or x == 855:
        x = x * 285 + 285 - x // 286
    if x > 286 and x < 293 or x == 858:
        x = x * 286 + 286 - x // 287
    if x > 287 and x < 294 or x == 861:
        x = x * 287 + 287 - x // 288
    if x > 288 and x < 295 or x == 864:
        x = x * 288 + 288 - x // 289
    if x > 289 and x < 296 or x == 867:
        x = x * 289 + 289 - x // 290
    if x > 290 and x < 297 or x == 870:
        x = x * 290 + 290 - x // 291
    if x > 291 and x < 298 or x == 873:
        x = x * 291 + 291 - x // 292
    if x > 292 and x < 299 or x == 876:
        x = x * 292 + 292 - x // 293
    if x > 293 and x < 300 or x == 879:
        x = x * 293 + 293 - x // 294
    if x > 294 and x < 301 or x == 882:
        x = x * 294 + 294 - x // 295
    if x > 295 and x < 302 or x == 885:
        x = x * 295 + 295 - x // 296
    if x > 296 and x < 303 or x == 888:
        x = x * 296 + 296 - x // 297
    if x > 297 and x < 304 or x == 891:
        x = x * 297 + 297 - x // 298
    if x > 298 and x < 305 or x == 894:
        x = x * 298 + 298 - x // 299
    if x > 299 and x < 306 or x == 897:
        x = x * 299 + 299 - x // 300
    if x > 300 and x < 307 or x == 900:
        x = x * 300 + 300 - x // 301
    if x > 301 and x < 308 or x == 903:
        x = x * 301 + 301 - x // 302
    if x > 302 and x < 309 or x == 906:
        x = x * 302 + 302 - x // 303
    if x > 303 and x < 310 or x == 909:
        x = x * 303 + 303 - x // 304
    if x > 304 and x < 311 or x == 912:
        x = x * 304 + 304 - x // 305
    if x > 305 and x < 312 or x == 915:
        x = x * 305 + 305 - x // 306
    if x > 306 and x < 313 or x == 918:
        x = x * 306 + 306 - x // 307
    if x > 307 and x < 314 or x == 921:
        x = x * 307 + 307 - x // 308
    if x > 308 and x < 315 or x == 924:
        x = x * 308 + 308 - x // 309
    if x > 309 and x < 316 or x == 927:
        x = x * 309 + 309 - x // 310
    if x > 310 and x < 317 or x == 930:
        x = x * 310 + 310 - x // 311
    if x > 311 and x < 318 or x == 933:
        x = x * 311 + 311 - x // 312
    if x > 312 and x < 319 or x == 936:
        x = x * 312 + 312 - x // 313
    if x > 313 and x < 320 or x == 939:
        x = x * 313 + 313 - x // 314
    if x > 314 and x < 321 or x == 942:
        x = x * 314 + 314 - x // 315
    if x > 315 and x < 322 or x == 945:
        x = x * 315 + 315 - x // 316
    if x > 316 and x < 323 or x == 948:
        x = x * 316 + 316 - x // 317
    if x > 317 and x < 324 or x == 951:
        x = x * 317 + 317 - x // 318
    if x > 318 and x < 325 or x == 954:
        x = x * 318 + 318 - x // 319
    if x > 319 and x < 326 or x == 957:
        x = x * 319 + 319 - x // 320
    if x > 320 and x < 327 or x == 960:
        x = x * 320 + 320 - x // 321
    if x > 321 and x < 328 or x == 963:
        x = x * 321 + 321 - x // 322
    if x > 322 and x < 329 or x == 966:
        x = x * 322 + 322 - x // 323
    if x > 323 and x < 330 or x == 969:
        x = x * 323 + 323 - x // 324
    if x > 324 and x < 331 or x == 972:
        x = x * 324 + 324 - x // 325
    if x > 325 and x < 332 or x == 975:
        x = x * 325 + 325 - x // 326
    if x > 326 and x < 333 or x == 978:
        x = x * 326 + 326 - x // 327
    if x > 327 and x < 334 or x == 981:
        x = x * 327 + 327 - x // 328
    if x > 328 and x < 335 or x == 984:
        x = x * 328 + 328 - x // 329
    if x > 329 and x < 336 or x == 987:
        x = x * 329 + 329 - x // 330
    if x > 330 and x < 337 or x == 990:
        x = x * 330 + 330 - x // 331
    if x > 331 and x < 338 or x == 993:
        x = x * 331 + 331 - x // 332
    if x > 332 and x < 339 or x == 996:
        x = x * 332 + 332 - x // 333
    if x > 333 and x < 340 or x == 999:
        x = x * 333 + 333 - x // 334
    if x > 334 and x < 341 or x == 1002:
        x = x * 334 + 334 - x // 335
    if x > 335 and x < 342 or x == 1005:
        x = x * 335 + 335 - x // 336
    if x > 336 and x < 343 or x == 1008:
        x = x * 336 + 336 - x // 337
    if x > 337 and x < 344 or x == 1011:
        x = x * 337 + 337 - x // 338
    if x > 338 and x < 345 or x == 1014:
        x = x * 338 + 338 - x // 339
    if x > 339 and x < 346 or x == 1017:
        x = x * 339 + 339 - x // 340
    if x > 340 and x < 347 or x == 1020:
        x = x * 340 + 340 - x // 341
    if x > 341 and x < 348 or x == 1023:
        x = x * 341 + 341 - x // 342
    if x > 342 and x < 349 or x == 1026:
        x = x * 342 + 342 - x // 343
    if x > 343 and x < 350 or x == 1029:
        x = x * 343 + 343 - x // 344
    if x > 344 and x < 351 or x == 1032:
        x = x * 344 + 344 - x // 345
    if x > 345 and x < 352 or x == 1035:
        x = x * 345 + 345 - x // 346
    if x > 346 and x < 353 or x == 1038:
        x = x * 346 + 346 - x // 347
    if x > 347 and x < 354 or x == 1041:
        x = x * 347 + 347 - x // 348
    if x > 348 and x < 355 or x == 1044:
        x = x * 348 + 348 - x // 349
    if x > 349 and x < 356 or x == 1047:
        x = x * 349 + 349 - x // 350
    if x > 350 and x < 357 or x == 1050:
        x = x * 350 + 350 - x // 351
    if x > 351 and x < 358 or x == 1053:
        x = x * 351 + 351 - x // 352
    if x > 352 and x < 359 or x == 1056:
        x = x * 352 + 352 - x // 353
    if x > 353 and x < 360 or x == 1059:
        x = x * 353 + 353 - x // 354
    if x > 354 and x < 361 or x == 1062:
        x = x * 354 + 354 - x // 355
    if x > 355 and x < 362 or x == 1065:
        x = x * 355 + 355 - x // 356
    if x > 356 and x < 363 or x == 1068:
        x = x * 356 + 356 - x // 357
    if x > 357 and x < 364 or x == 1071:
        x = x * 357 + 357 - x // 358
    if x > 358 and x < 365 or x == 1074:
        x = x * 358 + 358 - x // 359
    if x > 359 and x < 366 or x == 1077:
        x = x * 359 + 359 - x // 360
    if x > 360 and x < 367 or x == 1080:
        x = x * 360 + 360 - x // 361
    if x > 361 and x < 368 or x == 1083:
        x = x * 361 + 361 - x // 362
    if x > 362 and x < 369 or x == 1086:
        x = x * 362 + 362 - x // 363
    if x > 363 and x < 370 or x == 1089:
        x = x * 363 + 363 - x // 364
    if x > 364 and x < 371 or x == 1092:
        x = x * 364 + 364 - x // 365
    if x > 365 and x < 372 or x == 1095:
        x = x * 365 + 365 - x // 366
    if x > 366 and x < 373 or x == 1098:
        x = x * 366 + 366 - x // 367
    if x > 367 and x < 374 or x == 1101:
        x = x * 367 + 367 - x // 368
    if x > 368 and x < 375 or x == 1104:
        x = x * 368 + 368 - x // 369
    if x > 369 and x < 376 or x == 1107:
        x = x * 369 + 369 - x // 370
    if x > 370 and x < 377 or x == 1110:
        x = x * 370 + 370 - x // 371
    if x > 371 and x < 378 or x == 1113:
        x = x * 371 + 371 - x // 372
    if x > 372 and x < 379 or x == 1116:
        x = x * 372 + 372 - x // 373
    if x > 373 and x < 380 or x == 1119:
        x = x * 373 + 373 - x // 374
    if x > 374 and x < 381 or x == 1122:
        x = x * 374 + 374 - x // 375
    if x > 375 and x < 382 or x == 1125:
        x = x * 375 + 375 - x // 376
    if x > 376 and x < 383 or x == 1128:
        x = x * 376 + 376 - x // 377
    if x > 377 and x < 384 or x == 1131:
        x = x * 377 + 377 - x // 378
    if x > 378 and x < 385 or x == 1134:
        x = x * 378 + 378 - x // 379
    if x > 379 and x < 386 or x == 1137:
        x = x * 379 + 379 - x // 380
    if x > 380 and x < 387 or x == 1140:
        x = x * 380 + 380 - x // 381
    if x > 381 and x < 388 or x == 1143:
        x = x * 381 + 381 - x // 382
    if x > 382 and x < 389 or x == 1146:
        x = x * 382 + 382 - x // 383
    if x > 383 and x < 390 or x == 1149:
        x = x * 383 + 383 - x // 384
    if x > 384 and x < 391 or x == 1152:
        x = x * 384 + 384 - x // 385
    if x > 385 and x < 392 or x == 1155:
        x = x * 385 + 385 - x // 386
    if x > 386 and x < 393 or x == 1158:
        x = x * 386 + 386 - x // 387
    if x > 387 and x < 394 or x == 1161:
        x = x * 387 + 387 - x // 388
    if x > 388 and x < 395 or x == 1164:
        x = x * 388 + 388 - x // 389
    if x > 389 and x < 396 or x == 1167:
        x = x * 389 + 389 - x // 390
    if x > 390 and x < 397 or x == 1170:
        x = x * 390 + 390 - x // 391
    if x > 391 and x < 398 or x == 1173:
        x = x * 391 + 391 - x // 392
    if x > 392 and x < 399 or x == 1176:
        x = x * 392 + 392 - x // 393
    if x > 393 and x < 400 or x == 1179:
        x = x * 393 + 393 - x // 394
    if x > 394 and x < 401 or x == 1182:
        x = x * 394 + 394 - x // 395
    if x > 395 and x < 402 or x == 1185:
        x = x * 395 + 395 - x // 396
    if x > 396 and x < 403 or x == 1188:
        x = x * 396 + 396 - x // 397
    if x > 397 and x < 404 or x == 1191:
        x = x * 397 + 397 - x // 398
    if x > 398 and x < 405 or x == 1194:
        x = x * 398 + 398 - x // 399
    if x > 399 and x < 406 or x == 1197:
        x = x * 399 + 399 - x // 400
